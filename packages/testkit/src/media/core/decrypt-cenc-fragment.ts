import { LegatoError } from '@legato/errors';
import {
  parseSaiz,
  parseSenc,
  parseSgpd,
  SENC_USE_SUBSAMPLES,
  type SencSample,
} from '@legato/isobmff';
import { fragmentParts, rewriteTraf } from '../_internal/fragment-parts.js';
import type { ByteSpan, CtrCipher, CtrRun } from './cenc-cipher.js';
import { CENC_TRAF_BOXES } from './protect-fragment.js';

/** Returns the 16-byte key for a key id (hex), or throws a typed `CDM_*` error. */
export type CencKeyLookup = (kid: string) => Uint8Array;

/** Options of {@link decryptCencFragment}. */
export interface DecryptCencFragmentOptions {
  /** Default key id (hex) of the track, from `tenc`. */
  readonly defaultKid: string;
  readonly lookupKey: CencKeyLookup;
  readonly cipher: CtrCipher;
  /** Per-sample IV size from `tenc`. @default inferred from `sgpd seig`, `saiz` or `senc` */
  readonly ivSizeBytes?: number;
}

function fail(message: string): never {
  throw new LegatoError('CDM_DECRYPT_FAILED', `fragment: ${message}`);
}

/**
 * Decrypts a CENC (`cenc` scheme) fragment and removes its protection boxes, giving back the
 * clear fragment the packager started from. A fragment without `senc` (clear lead) is returned
 * unchanged — the same array. The key id is the `sgpd seig` KID when present, else
 * `defaultKid`; `lookupKey` decides whether the key is usable.
 */
export function decryptCencFragment(
  fragment: Uint8Array,
  options: DecryptCencFragmentOptions,
): Uint8Array {
  const parts = fragmentParts(fragment, 'CDM_DECRYPT_FAILED');
  const sencBox = parts.children.get('senc');
  if (sencBox === undefined) return fragment;
  const sgpd = parts.children.get('sgpd');
  const seig = sgpd === undefined ? undefined : parseSgpd(fragment, sgpd).seig?.[0];
  const kid = seig !== undefined && seig.isProtected !== 0 ? seig.kid : options.defaultKid;
  const saizBox = parts.children.get('saiz');
  const saizSize = saizBox === undefined ? 0 : parseSaiz(fragment, saizBox).defaultSampleInfoSize;
  // IV size: the caller's (from tenc), the seig entry's, saiz's when no subsamples, else inferred.
  const sencFlags = fragment[sencBox.start + sencBox.headerBytes + 3]!;
  const ivSize =
    options.ivSizeBytes ??
    (seig?.isProtected
      ? seig.perSampleIvSize
      : (sencFlags & SENC_USE_SUBSAMPLES) === 0 && saizSize > 0
        ? saizSize
        : undefined);
  let samples: readonly SencSample[];
  try {
    samples = parseSenc(fragment, sencBox, ivSize).samples;
  } catch (cause) {
    throw new LegatoError(
      'CDM_DECRYPT_FAILED',
      `fragment: senc does not parse with ${ivSize ?? 'any'}-byte IVs`,
      { cause },
    );
  }
  const count = parts.run.sampleCount;
  if (samples.length !== count)
    fail(`expected senc to describe ${count} samples, received ${samples.length}`);
  const key = options.lookupKey(kid);
  const { bytes, shift } = rewriteTraf(fragment, parts, CENC_TRAF_BOXES, new Uint8Array(0));
  let at = parts.moof.start + parts.run.dataOffset + shift;
  const runs: CtrRun[] = samples.map((sample, i) => {
    const size = parts.run.sampleSizes[i]!;
    const start = at;
    at += size;
    return {
      iv: sample.iv,
      spans:
        sample.subsamples === null
          ? [[start, size]]
          : protectedSpans(start, size, sample.subsamples),
    };
  });
  options.cipher(key, bytes, runs);
  return bytes;
}

/** The protected byte spans of a subsample-encrypted sample; they must cover it exactly. */
function protectedSpans(
  start: number,
  size: number,
  subsamples: readonly { readonly clearBytes: number; readonly protectedBytes: number }[],
): ByteSpan[] {
  const spans: ByteSpan[] = [];
  let at = start;
  for (const s of subsamples) {
    at += s.clearBytes;
    if (s.protectedBytes > 0) spans.push([at, s.protectedBytes]);
    at += s.protectedBytes;
  }
  if (at - start !== size)
    fail(`expected subsamples to cover the ${size}-byte sample, received ${at - start} bytes`);
  return spans;
}

/**
 * Removes the clear-lead markers (`sbgp` + `sgpd seig`) from a clear fragment, giving back the
 * fragment as it was before packaging. Throws `CDM_DECRYPT_FAILED` for an encrypted fragment.
 */
export function removeClearLeadMarkers(fragment: Uint8Array): Uint8Array {
  const parts = fragmentParts(fragment, 'CDM_DECRYPT_FAILED');
  if (parts.children.has('senc'))
    fail('expected a clear-lead fragment, received an encrypted one (it has senc)');
  return rewriteTraf(fragment, parts, new Set(['sbgp', 'sgpd']), new Uint8Array(0)).bytes;
}

import { LegatoError } from '@legato/errors';
import { fragmentParts, rewriteTraf } from '../_internal/fragment-parts.js';
import { readSaizDefaultSize, readSenc, sencSampleCount } from './boxes/sample-encryption.js';
import { readSeigSgpd } from './boxes/seig-sample-group.js';
import { type CtrCipher, counterBlock } from './cenc-cipher.js';
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
  const seig = sgpd === undefined ? null : readSeigSgpd(fragment, sgpd);
  const kid = seig?.isProtected ? seig.kid : options.defaultKid;
  const { count, flags } = sencSampleCount(fragment, sencBox);
  if (count !== parts.run.sampleCount)
    fail(`expected senc to describe ${parts.run.sampleCount} samples, received ${count}`);
  let ivSize = options.ivSizeBytes ?? (seig?.isProtected ? seig.perSampleIvSize : 0);
  if (ivSize === 0) {
    const saiz = parts.children.get('saiz');
    const saizDefault = saiz === undefined ? 0 : readSaizDefaultSize(fragment, saiz);
    ivSize =
      (flags & 2) === 0 && saizDefault > 0
        ? saizDefault
        : count > 0
          ? (sencBox.end - sencBox.start - sencBox.headerBytes - 8) / count
          : 8;
  }
  if (ivSize !== 8 && ivSize !== 16)
    fail(`expected an 8- or 16-byte per-sample IV, received ${ivSize}`);
  const samples = readSenc(fragment, sencBox, ivSize);
  if (samples === null) fail(`senc does not hold ${count} samples with ${ivSize}-byte IVs`);
  const key = options.lookupKey(kid);
  const { bytes, shift } = rewriteTraf(fragment, parts, CENC_TRAF_BOXES, new Uint8Array(0));
  let at = parts.moof.start + parts.run.dataOffset + shift;
  for (let i = 0; i < count; i++) {
    const size = parts.run.sampleSizes[i]!;
    const sample = samples[i]!;
    const iv = counterBlock(sample.iv);
    if (sample.subsamples === undefined) {
      bytes.set(options.cipher(key, iv, bytes.subarray(at, at + size)), at);
    } else {
      decryptSubsamples(bytes, at, size, sample.subsamples, (data) =>
        options.cipher(key, iv, data),
      );
    }
    at += size;
  }
  return bytes;
}

/** Protected ranges of one sample form a single CTR stream (ISO 23001-7 §9.5.2.3). */
function decryptSubsamples(
  bytes: Uint8Array,
  start: number,
  size: number,
  subsamples: readonly { readonly clearBytes: number; readonly protectedBytes: number }[],
  decrypt: (data: Uint8Array) => Uint8Array,
): void {
  let total = 0;
  let covered = 0;
  for (const s of subsamples) {
    total += s.protectedBytes;
    covered += s.clearBytes + s.protectedBytes;
  }
  if (covered !== size)
    fail(`expected subsamples to cover the ${size}-byte sample, received ${covered} bytes`);
  const joined = new Uint8Array(total);
  let at = start;
  let j = 0;
  for (const s of subsamples) {
    at += s.clearBytes;
    joined.set(bytes.subarray(at, at + s.protectedBytes), j);
    at += s.protectedBytes;
    j += s.protectedBytes;
  }
  const clear = decrypt(joined);
  at = start;
  j = 0;
  for (const s of subsamples) {
    at += s.clearBytes;
    bytes.set(clear.subarray(j, j + s.protectedBytes), at);
    at += s.protectedBytes;
    j += s.protectedBytes;
  }
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

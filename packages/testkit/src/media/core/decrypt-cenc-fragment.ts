import { LegatoError } from '@legato/errors';
import {
  type BoxHeader,
  parseSbgp,
  parseSenc,
  parseSgpd,
  readSampleEncryption,
  type TrackProtection,
} from '@legato/isobmff';
import { fragmentParts, rewriteTraf } from '../_internal/fragment-parts.js';
import type { CencCipher } from './cenc-cipher.js';
import { schemeRuns } from './scheme-runs.js';

/** Returns the 16-byte key for a key id (hex), or throws a typed `CDM_*` error. */
export type CencKeyLookup = (kid: string) => Uint8Array;

/** Options of {@link decryptCencFragment}. */
export interface DecryptCencFragmentOptions {
  /** Default key id (hex) of the track, used when `protection` is not given. */
  readonly defaultKid: string;
  readonly lookupKey: CencKeyLookup;
  readonly cipher: CencCipher;
  /**
   * The track's scheme and `tenc` (`readTrackProtection(init)`).
   * @default `cenc` with `defaultKid`, the per-sample IV size read from the fragment's `senc`
   */
  readonly protection?: TrackProtection;
}

/**
 * Decrypts a CENC fragment in any of the four schemes (`cenc`, `cbc1`, `cens`, `cbcs`) and
 * removes its protection boxes (`senc`, `saiz`, `saio`, `seig` `sbgp`/`sgpd`), giving back
 * the clear fragment the packager started from. A fragment with no protected sample (clear
 * lead) is returned unchanged — the same array. Each sample's key id, IV, subsamples and
 * pattern come from `readSampleEncryption`, which checks tenc, seig, senc and saiz against
 * each other (`ISOBMFF_ENCRYPTION_MISMATCH`); `lookupKey` decides whether the key is usable.
 * Other malformed input throws `CDM_DECRYPT_FAILED` or `ISOBMFF_MALFORMED`.
 */
export function decryptCencFragment(
  fragment: Uint8Array,
  options: DecryptCencFragmentOptions,
): Uint8Array {
  const parts = fragmentParts(fragment, 'CDM_DECRYPT_FAILED');
  const sencBox = parts.children.get('senc');
  const protection = options.protection ?? legacyProtection(fragment, sencBox, options.defaultKid);
  if (protection === null) return fragment;
  const samples = readSampleEncryption(fragment, parts.traf, parts.run.sampleSizes, protection);
  const kids = new Set<string>();
  for (const s of samples) if (s.isProtected) kids.add(s.kid);
  if (kids.size === 0) return fragment;
  if (kids.size > 1) {
    throw new LegatoError(
      'CDM_DECRYPT_FAILED',
      `fragment: expected one key id per fragment, received ${[...kids].join(', ')}`,
    );
  }
  const key = options.lookupKey([...kids][0]!);
  const { bytes, shift } = rewriteTraf(
    fragment,
    parts,
    (child) => isProtectionBox(fragment, child),
    new Uint8Array(0),
  );
  const starts: number[] = new Array(samples.length);
  let at = parts.moof.start + parts.run.dataOffset + shift;
  for (let i = 0; i < samples.length; i++) {
    starts[i] = at;
    at += parts.run.sampleSizes[i]!;
  }
  const { mode, runs } = schemeRuns(protection.scheme, samples, starts, parts.run.sampleSizes);
  if (mode === 'ctr') options.cipher.ctr(key, bytes, runs);
  else options.cipher.cbcDecrypt(key, bytes, runs);
  return bytes;
}

/** `cenc` with the IV size of the fragment's own `senc` (callers that know only the key id); null without `senc`. */
function legacyProtection(
  fragment: Uint8Array,
  sencBox: BoxHeader | undefined,
  defaultKid: string,
): TrackProtection | null {
  if (sencBox === undefined) return null;
  let ivSize = 0;
  try {
    ivSize = parseSenc(fragment, sencBox).samples[0]?.iv.length ?? 8;
  } catch (cause) {
    throw new LegatoError('CDM_DECRYPT_FAILED', 'fragment: senc does not parse with any IV size', {
      cause,
    });
  }
  return {
    scheme: 'cenc',
    tenc: {
      version: 0,
      isProtected: 1,
      perSampleIvSize: ivSize,
      defaultKid,
      cryptByteBlock: 0,
      skipByteBlock: 0,
      constantIv: null,
    },
  };
}

/** The traf children a CENC packager adds: senc, saiz, saio, and `seig` sample groups. */
function isProtectionBox(bytes: Uint8Array, child: BoxHeader): boolean {
  switch (child.type) {
    case 'senc':
    case 'saiz':
    case 'saio':
      return true;
    case 'sbgp':
      return parseSbgp(bytes, child).groupingType === 'seig';
    case 'sgpd':
      return parseSgpd(bytes, child).groupingType === 'seig';
    default:
      return false;
  }
}

/**
 * Removes the clear-lead markers (`sbgp` + `sgpd seig`) from a clear fragment, giving back the
 * fragment as it was before packaging. Throws `CDM_DECRYPT_FAILED` for an encrypted fragment.
 */
export function removeClearLeadMarkers(fragment: Uint8Array): Uint8Array {
  const parts = fragmentParts(fragment, 'CDM_DECRYPT_FAILED');
  if (parts.children.has('senc')) {
    throw new LegatoError(
      'CDM_DECRYPT_FAILED',
      'fragment: expected a clear-lead fragment, received an encrypted one (it has senc)',
    );
  }
  return rewriteTraf(
    fragment,
    parts,
    (child) => isProtectionBox(fragment, child),
    new Uint8Array(0),
  ).bytes;
}

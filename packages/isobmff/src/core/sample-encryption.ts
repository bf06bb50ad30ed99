import { LegatoError } from '@legato/errors';
import { malformed } from '../_internal/malformed.js';
import type { BoxHeader } from './box-header.js';
import { parseSaiz, type SaizBox } from './boxes/saiz.js';
import { FRAGMENT_LOCAL_GROUP_INDEX_BASE, parseSbgp, type SbgpBox } from './boxes/sbgp.js';
import type { SeigEntry } from './boxes/seig-entry.js';
import {
  parseSenc,
  SENC_USE_SUBSAMPLES,
  type SencSample,
  type Subsample,
  sencSampleInfoSize,
} from './boxes/senc.js';
import { parseSgpd } from './boxes/sgpd.js';
import type { TencBox } from './boxes/tenc.js';
import { parseTfhd } from './boxes/tfhd.js';
import { isCbcScheme } from './cenc-scheme.js';
import { readBoxes } from './read-boxes.js';
import type { TrackProtection } from './track-protection.js';

/** How one sample of a track fragment is encrypted, every source (tenc, seig, senc) resolved. */
export interface SampleEncryption {
  /** From the sample's `seig` group, else `tenc`. */
  readonly isProtected: boolean;
  /** Key id, 32 lower-case hex characters (the group's, else tenc's default). */
  readonly kid: string;
  /** The per-sample IV from `senc`, else the constant IV; empty for a clear sample. 8 or 16 bytes. */
  readonly iv: Uint8Array;
  /** Clear/protected byte runs covering the sample exactly, or null (the whole sample is protected). */
  readonly subsamples: readonly Subsample[] | null;
  /** Pattern encrypted 16-byte blocks (`cens`/`cbcs`), 0 without a pattern. */
  readonly cryptByteBlock: number;
  /** Pattern clear 16-byte blocks, 0 without a pattern. */
  readonly skipByteBlock: number;
}

/** Encryption parameters common to `tenc` and a `seig` entry. */
type Params = Pick<
  SeigEntry,
  'isProtected' | 'perSampleIvSize' | 'cryptByteBlock' | 'skipByteBlock' | 'constantIv'
> & { readonly kid: string; readonly source: string };

const NO_IV = new Uint8Array(0);

function mismatch(message: string, details: Readonly<Record<string, unknown>> = {}): never {
  throw new LegatoError('ISOBMFF_ENCRYPTION_MISMATCH', `traf: ${message}`, { details });
}

/**
 * Resolves how each sample of one `traf` is encrypted, checking every source against the
 * others instead of trusting any one: a `tfhd` sample_description_index naming a clear sample
 * entry (see `TrackProtection.clearSampleDescriptions`; 1 when absent) makes the fragment
 * clear; the sample's `seig` group (fragment-local `sbgp` +
 * `sgpd`) overrides `tenc`; `senc` must hold exactly the IV size they declare for every sample
 * (and one entry per sample of `trun`); `saiz` must give each sample the size its `senc` entry
 * has; subsamples must cover their sample; `cbc1`/`cbcs` need 16-byte IVs and `cbc1` whole
 * protected blocks. Any disagreement throws `ISOBMFF_ENCRYPTION_MISMATCH` (never a guess);
 * malformed boxes throw `ISOBMFF_MALFORMED`. Work is bounded by the bytes present: more
 * samples than bytes in `bytes` is refused before anything is read.
 *
 * @example
 * ```ts
 * const samples = readSampleEncryption(segment, traf, sampleSizes, readTrackProtection(init)!);
 * samples[0]; // { isProtected: true, kid, iv, subsamples: null, cryptByteBlock: 0, skipByteBlock: 0 }
 * ```
 */
export function readSampleEncryption(
  bytes: Uint8Array,
  traf: BoxHeader,
  sampleSizes: readonly number[],
  protection: TrackProtection,
): SampleEncryption[] {
  const count = sampleSizes.length;
  if (count > bytes.length) {
    throw malformed(
      `'traf' box at offset ${traf.start}: ${count} samples cannot lie in a ${bytes.length}-byte buffer`,
      { box: 'traf', offset: traf.start, count },
    );
  }
  let sencBox: BoxHeader | undefined;
  let sampleDescription = 1;
  let saiz: SaizBox | undefined;
  let sbgp: SbgpBox | undefined;
  let seig: readonly SeigEntry[] | undefined;
  for (const b of readBoxes(bytes, traf.start + traf.headerBytes, traf.end)) {
    if (b.type === 'senc') sencBox ??= b;
    else if (b.type === 'tfhd') sampleDescription = parseTfhd(bytes, b).sampleDescriptionIndex ?? 1;
    else if (b.type === 'saiz') saiz ??= parseSaiz(bytes, b);
    else if (b.type === 'sbgp') {
      const g = parseSbgp(bytes, b);
      if (g.groupingType === 'seig') sbgp ??= g;
    } else if (b.type === 'sgpd') {
      const d = parseSgpd(bytes, b);
      if (d.seig !== null) seig ??= d.seig;
    }
  }
  const clearEntry = protection.clearSampleDescriptions?.includes(sampleDescription) === true;
  const tenc = clearEntry ? { ...protection.tenc, isProtected: 0 } : protection.tenc;
  const params = groupParams(tenc, sbgp, seig, count);
  const ivSizes = params.map((p) => (p.isProtected ? p.perSampleIvSize : 0));
  const senc = sencBox === undefined ? null : readSenc(bytes, sencBox, ivSizes, params);
  if (senc === null) {
    const i = ivSizes.findIndex((size) => size > 0);
    if (i >= 0) {
      mismatch(
        `sample ${i} is protected with ${ivSizes[i]}-byte per-sample IVs (${params[i]!.source}), but the traf has no senc`,
      );
    }
  }
  if (saiz !== undefined) checkSaiz(saiz, senc, count);
  const cbc = isCbcScheme(protection.scheme);
  const out: SampleEncryption[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const p = params[i]!;
    const entry = senc?.samples[i];
    if (p.isProtected !== 1) {
      out[i] = {
        isProtected: false,
        kid: p.kid,
        iv: NO_IV,
        subsamples: null,
        cryptByteBlock: 0,
        skipByteBlock: 0,
      };
      continue;
    }
    const iv = entry !== undefined && entry.iv.length > 0 ? entry.iv : p.constantIv;
    if (iv === null || (iv.length !== 8 && iv.length !== 16)) {
      mismatch(
        `sample ${i}: expected an 8- or 16-byte IV (per-sample in senc, or constant in ${p.source}), received ${iv === null ? 'none' : `${iv.length} bytes`}`,
      );
    }
    if (cbc && iv.length !== 16)
      mismatch(`sample ${i}: ${protection.scheme} needs 16-byte IVs, received ${iv.length} bytes`);
    const subsamples = entry?.subsamples ?? null;
    if (subsamples !== null) checkSubsamples(i, subsamples, sampleSizes[i]!, protection.scheme);
    out[i] = {
      isProtected: true,
      kid: p.kid,
      iv,
      subsamples,
      cryptByteBlock: p.cryptByteBlock,
      skipByteBlock: p.skipByteBlock,
    };
  }
  return out;
}

/** The parameters of each sample: its fragment-local `seig` group's, else `tenc`'s. */
function groupParams(
  tenc: TencBox,
  sbgp: SbgpBox | undefined,
  seig: readonly SeigEntry[] | undefined,
  count: number,
): Params[] {
  const base: Params = {
    ...tenc,
    kid: tenc.defaultKid,
    source: `tenc says ${tenc.perSampleIvSize}`,
  };
  const out: Params[] = new Array<Params>(count).fill(base);
  if (sbgp === undefined) return out;
  const described = (seig ?? []).map(
    (e, k): Params => ({ ...e, source: `seig entry ${k + 1} says ${e.perSampleIvSize}` }),
  );
  let i = 0;
  for (const e of sbgp.entries) {
    let p = base;
    if (e.groupDescriptionIndex > FRAGMENT_LOCAL_GROUP_INDEX_BASE) {
      const local = e.groupDescriptionIndex - FRAGMENT_LOCAL_GROUP_INDEX_BASE - 1;
      const entry = described[local];
      if (entry === undefined) {
        mismatch(
          `sbgp refers to fragment-local seig entry ${local + 1}, but the traf's sgpd has ${described.length}`,
        );
      }
      p = entry;
    } else if (e.groupDescriptionIndex !== 0) {
      mismatch(
        `sbgp refers to seig entry ${e.groupDescriptionIndex} of the moov's sgpd, which a fragment alone cannot resolve`,
      );
    }
    const n = Math.min(e.sampleCount, count - i);
    for (let k = 0; k < n; k++) out[i++] = p;
    if (i >= count) break;
  }
  return out;
}

/** Parses `senc` with the IV size each sample's parameters declare; a different layout is a mismatch. */
function readSenc(
  bytes: Uint8Array,
  box: BoxHeader,
  ivSizes: readonly number[],
  params: readonly Params[],
): { readonly flags: number; readonly samples: readonly SencSample[] } {
  try {
    const senc = parseSenc(bytes, box, ivSizes);
    // parseSenc stops after the last sample: anything left means another IV size.
    const used = senc.samples.reduce(
      (n, s) => n + sencSampleInfoSize(s, (senc.flags & SENC_USE_SUBSAMPLES) !== 0),
      box.headerBytes + 8,
    );
    if (used === box.size) return senc;
  } catch (cause) {
    if (!(cause instanceof LegatoError) || cause.code !== 'ISOBMFF_MALFORMED') throw cause;
  }
  const sizes = [...new Set(ivSizes)].join(' or ');
  const i = ivSizes.findIndex((s) => s > 0);
  const source = i >= 0 ? `${params[i]!.source}` : 'no protected sample';
  mismatch(
    `senc at offset ${box.start} does not hold ${ivSizes.length} samples with ${sizes}-byte IVs (${source})`,
    { senc: box.start, ivSizes: [...new Set(ivSizes)] },
  );
}

/** `saiz` must list one entry per sample, each the size of that sample's `senc` entry. */
function checkSaiz(
  saiz: SaizBox,
  senc: { readonly flags: number; readonly samples: readonly SencSample[] } | null,
  count: number,
): void {
  if (senc === null) {
    if (saiz.defaultSampleInfoSize !== 0 || saiz.sampleInfoSizes?.some((s) => s !== 0)) {
      mismatch('saiz declares sample auxiliary information, but the traf has no senc to hold it');
    }
    return;
  }
  if (saiz.sampleCount !== count)
    mismatch(`saiz declares ${saiz.sampleCount} samples, trun and senc ${count}`);
  const subs = (senc.flags & SENC_USE_SUBSAMPLES) !== 0;
  for (let i = 0; i < count; i++) {
    const declared = saiz.defaultSampleInfoSize || saiz.sampleInfoSizes![i]!;
    const held = sencSampleInfoSize(senc.samples[i]!, subs);
    if (declared !== held) {
      mismatch(
        `saiz says sample ${i} has ${declared} bytes of auxiliary information, senc holds ${held}`,
      );
    }
  }
}

function checkSubsamples(
  i: number,
  subsamples: readonly Subsample[],
  size: number,
  scheme: TrackProtection['scheme'],
): void {
  let covered = 0;
  for (const s of subsamples) {
    covered += s.clearBytes + s.protectedBytes;
    if (scheme === 'cbc1' && s.protectedBytes % 16 !== 0) {
      mismatch(
        `sample ${i}: cbc1 protects whole 16-byte blocks, received a subsample of ${s.protectedBytes} protected bytes`,
      );
    }
  }
  if (covered !== size)
    mismatch(`sample ${i}: expected subsamples to cover its ${size} bytes, received ${covered}`);
}

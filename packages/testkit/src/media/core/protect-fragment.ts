import { LegatoError } from '@legato/errors';
import {
  type CencScheme,
  CLEAR_SEIG_ENTRY,
  concatBytes,
  FRAGMENT_LOCAL_GROUP_INDEX_BASE,
  isCbcScheme,
  SENC_SAMPLES_OFFSET,
  type Subsample,
  sencSampleInfoSize,
  writeSaio,
  writeSaiz,
  writeSbgp,
  writeSenc,
  writeSgpdSeig,
} from '@legato/isobmff';
import { fragmentParts, rewriteTraf } from '../_internal/fragment-parts.js';
import type { CencCipher } from './cenc-cipher.js';
import { schemeRuns } from './scheme-runs.js';

/** CENC boxes the packager adds to a `traf` (and the decryptor removes). */
export const CENC_TRAF_BOXES: ReadonlySet<string> = new Set([
  'senc',
  'saiz',
  'saio',
  'sbgp',
  'sgpd',
]);

/** Options of {@link protectFragment}. */
export type ProtectFragmentOptions =
  | {
      /** Clear lead: keep samples clear, mark them with `sbgp` + `sgpd seig` isProtected = 0. */
      readonly encrypt: false;
    }
  | {
      readonly encrypt: true;
      /** Content key, 16 bytes. */
      readonly key: Uint8Array;
      /** Protection scheme (match the init segment's `schm`). @default 'cenc' */
      readonly scheme?: CencScheme;
      /**
       * The IV of sample `index` of this fragment (8 or 16 bytes — 16 for `cbc1`/`cbcs` —
       * unique per key), written to `senc`. Exactly one of `ivOf` and `constantIv`.
       */
      readonly ivOf?: (sampleIndex: number) => Uint8Array;
      /**
       * The init segment's `tenc` constant IV (16 bytes; usual for `cbcs`): no `senc`, `saiz`,
       * `saio` unless there are subsamples.
       */
      readonly constantIv?: Uint8Array;
      /**
       * Subsample map of sample `index` (clear + protected bytes covering its `size` bytes;
       * whole 16-byte protected blocks for `cbc1`). @default none: whole-sample encryption
       */
      readonly subsamplesOf?: (sampleIndex: number, size: number) => readonly Subsample[];
      /** The crypt:skip pattern of the init segment's `tenc` (`cens`/`cbcs` subsamples). @default 0:0 */
      readonly pattern?: { readonly cryptByteBlock: number; readonly skipByteBlock: number };
      readonly cipher: CencCipher;
    };

function invalid(message: string): LegatoError {
  return new LegatoError('PACKAGER_INPUT_INVALID', message);
}

/**
 * CENC-protects one fragment (moof + mdat, one track) in any of the four schemes, whole-sample
 * (audio: no subsamples): `cenc`/`cens` encrypt every byte with AES-128-CTR, `cbc1`/`cbcs`
 * every whole 16-byte block with AES-128-CBC (the tail stays clear). Per-sample IVs go to
 * `saiz` + `saio` (offset from the moof start) + `senc` appended to the traf; with a constant
 * IV none of them is written. Clear-lead fragments get `sbgp` + `sgpd seig` isProtected = 0
 * with a zero KID (Chromium refuses clear fragments of a protected track without them). The
 * moof/traf sizes and trun data_offset are fixed. Throws `PACKAGER_INPUT_INVALID` for layouts
 * it does not handle (several trafs, explicit base offsets, already protected).
 */
export function protectFragment(fragment: Uint8Array, options: ProtectFragmentOptions): Uint8Array {
  const parts = fragmentParts(fragment, 'PACKAGER_INPUT_INVALID');
  for (const type of CENC_TRAF_BOXES) {
    if (parts.children.has(type))
      throw invalid(
        `fragment: expected a clear fragment, received one whose traf already has '${type}'`,
      );
  }
  const count = parts.run.sampleCount;
  if (!options.encrypt) {
    // One run of all samples → the fragment-local sgpd's first entry (index base + 1).
    const sbgp = writeSbgp({
      groupingType: 'seig',
      entries: [{ sampleCount: count, groupDescriptionIndex: FRAGMENT_LOCAL_GROUP_INDEX_BASE + 1 }],
    });
    return rewriteTraf(
      fragment,
      parts,
      () => false,
      concatBytes([sbgp, writeSgpdSeig([CLEAR_SEIG_ENTRY])]),
    ).bytes;
  }
  if (options.key.length !== 16)
    throw invalid(`key: expected 16 bytes, received ${options.key.length}`);
  const scheme = options.scheme ?? 'cenc';
  const cbc = isCbcScheme(scheme);
  if ((options.ivOf === undefined) === (options.constantIv === undefined))
    throw invalid('expected exactly one of ivOf and constantIv');
  const ivs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const iv = options.constantIv ?? options.ivOf!(i);
    if (cbc ? iv.length !== 16 : iv.length !== 8 && iv.length !== 16)
      throw invalid(
        `iv of sample ${i}: expected ${cbc ? '16' : '8 or 16'} bytes for ${scheme}, received ${iv.length}`,
      );
    if (iv.length !== ivs[0]?.length && ivs.length > 0)
      throw invalid(
        `iv of sample ${i}: expected ${ivs[0]!.length} bytes like the others, received ${iv.length}`,
      );
    ivs.push(iv);
  }
  const subsamples = ivs.map((_, i) => {
    const size = parts.run.sampleSizes[i]!;
    const map = options.subsamplesOf?.(i, size) ?? null;
    let covered = 0;
    for (const s of map ?? []) covered += s.clearBytes + s.protectedBytes;
    if (map !== null && covered !== size)
      throw invalid(
        `subsamples of sample ${i}: expected to cover ${size} bytes, received ${covered}`,
      );
    return map;
  });
  const withSubsamples = options.subsamplesOf !== undefined;
  let append: Uint8Array = new Uint8Array(0);
  if (options.constantIv === undefined || withSubsamples) {
    const entries = ivs.map((iv, i) => ({
      iv: options.constantIv === undefined ? iv : new Uint8Array(0),
      subsamples: subsamples[i] ?? null,
    }));
    const saiz = writeSaiz({
      sampleInfoSizes: entries.map((e) => sencSampleInfoSize(e, withSubsamples)),
    });
    const senc = writeSenc(entries);
    // saio (20 bytes: one 32-bit offset) sits between saiz and senc; the IVs start after senc's
    // header, version/flags and sample_count.
    const firstIvFromMoof =
      parts.traf.end - parts.moof.start + saiz.length + 20 + SENC_SAMPLES_OFFSET;
    const saio = writeSaio({ offsets: [firstIvFromMoof] });
    if (saio.length !== 20)
      throw new LegatoError('PACKAGER_FAILED', `saio: expected 20 bytes, wrote ${saio.length}`);
    append = concatBytes([saiz, saio, senc]);
  }
  const { bytes, shift } = rewriteTraf(fragment, parts, () => false, append);
  const starts: number[] = [];
  let at = parts.moof.start + parts.run.dataOffset + shift;
  for (const size of parts.run.sampleSizes) {
    starts.push(at);
    at += size;
  }
  const samples = ivs.map((iv, i) => ({
    isProtected: true,
    kid: '',
    iv,
    subsamples: subsamples[i] ?? null,
    cryptByteBlock: options.pattern?.cryptByteBlock ?? 0,
    skipByteBlock: options.pattern?.skipByteBlock ?? 0,
  }));
  const { mode, runs } = schemeRuns(scheme, samples, starts, parts.run.sampleSizes);
  if (mode === 'ctr') options.cipher.ctr(options.key, bytes, runs);
  else options.cipher.cbcEncrypt(options.key, bytes, runs);
  return bytes;
}

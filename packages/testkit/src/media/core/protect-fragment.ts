import { LegatoError } from '@legato/errors';
import {
  CLEAR_SEIG_ENTRY,
  concatBytes,
  FRAGMENT_LOCAL_GROUP_INDEX_BASE,
  SENC_SAMPLES_OFFSET,
  writeSaio,
  writeSaiz,
  writeSbgp,
  writeSenc,
  writeSgpdSeig,
} from '@legato/isobmff';
import { fragmentParts, rewriteTraf } from '../_internal/fragment-parts.js';
import type { CtrCipher, CtrRun } from './cenc-cipher.js';

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
      /** The IV of sample `index` of this fragment (8 or 16 bytes, unique per key). */
      readonly ivOf: (sampleIndex: number) => Uint8Array;
      readonly cipher: CtrCipher;
    };

/**
 * CENC-protects one fragment (moof + mdat, one track): encrypted fragments get AES-128-CTR over
 * whole samples (audio: no subsamples) with `saiz` + `saio` (offset from the moof start) +
 * `senc` appended to the traf; clear-lead fragments get `sbgp` + `sgpd seig` isProtected = 0
 * with a zero KID (Chromium refuses clear fragments of a protected track without them). The
 * moof/traf sizes and trun data_offset are fixed. Throws `PACKAGER_INPUT_INVALID` for layouts
 * it does not handle (several trafs, explicit base offsets, already protected).
 */
export function protectFragment(fragment: Uint8Array, options: ProtectFragmentOptions): Uint8Array {
  const parts = fragmentParts(fragment, 'PACKAGER_INPUT_INVALID');
  for (const type of CENC_TRAF_BOXES) {
    if (parts.children.has(type)) {
      throw new LegatoError(
        'PACKAGER_INPUT_INVALID',
        `fragment: expected a clear fragment, received one whose traf already has '${type}'`,
      );
    }
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
      new Set(),
      concatBytes([sbgp, writeSgpdSeig([CLEAR_SEIG_ENTRY])]),
    ).bytes;
  }
  if (options.key.length !== 16) {
    throw new LegatoError(
      'PACKAGER_INPUT_INVALID',
      `key: expected 16 bytes, received ${options.key.length}`,
    );
  }
  const ivs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const iv = options.ivOf(i);
    if (iv.length !== 8 && iv.length !== 16) {
      throw new LegatoError(
        'PACKAGER_INPUT_INVALID',
        `iv of sample ${i}: expected 8 or 16 bytes, received ${iv.length}`,
      );
    }
    if (iv.length !== ivs[0]?.length && ivs.length > 0) {
      throw new LegatoError(
        'PACKAGER_INPUT_INVALID',
        `iv of sample ${i}: expected ${ivs[0]!.length} bytes like the others, received ${iv.length}`,
      );
    }
    ivs.push(iv);
  }
  const ivSize = ivs[0]?.length ?? 8;
  const saiz = writeSaiz({ sampleInfoSizes: ivs.map(() => ivSize) });
  const senc = writeSenc(ivs.map((iv) => ({ iv, subsamples: null })));
  // saio (20 bytes: one 32-bit offset) sits between saiz and senc; the IVs start after senc's
  // header, version/flags and sample_count.
  const firstIvFromMoof =
    parts.traf.end - parts.moof.start + saiz.length + 20 + SENC_SAMPLES_OFFSET;
  const saio = writeSaio({ offsets: [firstIvFromMoof] });
  if (saio.length !== 20)
    throw new LegatoError('PACKAGER_FAILED', `saio: expected 20 bytes, wrote ${saio.length}`);
  const { bytes, shift } = rewriteTraf(fragment, parts, new Set(), concatBytes([saiz, saio, senc]));
  let at = parts.moof.start + parts.run.dataOffset + shift;
  const runs: CtrRun[] = ivs.map((iv, i) => {
    const size = parts.run.sampleSizes[i]!;
    at += size;
    return { iv, spans: [[at - size, size]] };
  });
  options.cipher(options.key, bytes, runs);
  return bytes;
}

import { LegatoError } from '@legato/errors';
import {
  type BoxHeader,
  hexToBytes,
  locateSamples,
  parseTfhd,
  parseTrun,
  readBoxes,
  readSampleEncryption,
  type TfhdBox,
  type TrackProtection,
  type TrunBox,
} from '@legato/isobmff';
import type { WidevineDecryptInput } from './widevine-device-cdm-api.js';

export type { TrackProtection } from '@legato/isobmff';

/**
 * Decrypts every protected sample of a CENC media segment through `decrypt` (a CDM's sample
 * decryption) and returns a decrypted copy; the input is not modified. Any of the four schemes
 * of ISO/IEC 23001-7 (`cenc`, `cbc1`, `cens`, `cbcs`): each sample's key id, IV (per-sample or
 * constant), subsamples and crypt:skip pattern are resolved by `readSampleEncryption` from
 * `tenc`, the sample's `seig` group, `senc` and `saiz`, which must agree
 * (`ISOBMFF_ENCRYPTION_MISMATCH` otherwise — never a guess handed to the CDM). Samples whose
 * `seig` group says isProtected = 0 (clear lead) are left as they are. Get `protection` from
 * the init segment with `readTrackProtection(init)` (`ISOBMFF_UNSUPPORTED_SCHEME` for other
 * schemes).
 *
 * @example
 * ```ts
 * const protection = readTrackProtection(init)!; // { scheme: 'cbcs', tenc }
 * const clear = await decryptFragment(segment, protection, (s) => cdm.decryptSample(s));
 * ```
 */
export async function decryptFragment(
  bytes: Uint8Array,
  protection: TrackProtection,
  decrypt: (input: WidevineDecryptInput) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const out = bytes.slice();
  for (const { moof, traf, tfhd, truns } of trackFragments(bytes)) {
    const samples = locateSamples({
      tfhd,
      truns,
      moofStart: moof.start,
      bufferBytes: bytes.length,
    });
    const encryption = readSampleEncryption(
      bytes,
      traf,
      samples.map((s) => s.size),
      protection,
    );
    for (const [i, s] of samples.entries()) {
      const e = encryption[i]!;
      if (!e.isProtected) continue;
      const clear = await decrypt({
        keyId: hexToBytes(e.kid),
        iv: e.iv,
        data: bytes.subarray(s.offset, s.offset + s.size),
        subsamples: e.subsamples,
        scheme: protection.scheme,
        ...((e.cryptByteBlock !== 0 || e.skipByteBlock !== 0) && {
          pattern: { encryptBlocks: e.cryptByteBlock, skipBlocks: e.skipByteBlock },
        }),
      });
      if (clear.length !== s.size) {
        throw new LegatoError(
          'CDM_DECRYPT_FAILED',
          `sample ${i} of track ${tfhd.trackId}: expected ${s.size} decrypted bytes, received ${clear.length}`,
        );
      }
      out.set(clear, s.offset);
    }
  }
  return out;
}

interface TrackFragmentBoxes {
  readonly moof: BoxHeader;
  readonly traf: BoxHeader;
  readonly tfhd: TfhdBox;
  readonly truns: readonly TrunBox[];
}

/** Every traf of every moof with its tfhd and truns; more samples than bytes is refused first. */
function* trackFragments(bytes: Uint8Array): Generator<TrackFragmentBoxes> {
  for (const moof of readBoxes(bytes)) {
    if (moof.type !== 'moof') continue;
    for (const traf of readBoxes(bytes, moof.start + moof.headerBytes, moof.end)) {
      if (traf.type !== 'traf') continue;
      let tfhd: TfhdBox | undefined;
      const truns: TrunBox[] = [];
      let samples = 0;
      for (const b of readBoxes(bytes, traf.start + traf.headerBytes, traf.end)) {
        if (b.type === 'tfhd') tfhd ??= parseTfhd(bytes, b);
        else if (b.type === 'trun') {
          // sample_count before parsing: samples without per-sample fields cost no trun bytes.
          const countAt = b.start + b.headerBytes + 4;
          if (countAt + 4 <= b.end)
            samples += new DataView(bytes.buffer, bytes.byteOffset).getUint32(countAt);
          if (samples > bytes.length) break;
          truns.push(parseTrun(bytes, b));
        }
      }
      if (tfhd === undefined || samples > bytes.length) {
        throw new LegatoError(
          'CDM_DECRYPT_FAILED',
          `traf at offset ${traf.start}: expected a tfhd and at most one sample per byte of the ${bytes.length}-byte segment, received ${tfhd === undefined ? 'no tfhd' : `${samples} samples`}`,
        );
      }
      yield { moof, traf, tfhd, truns };
    }
  }
}

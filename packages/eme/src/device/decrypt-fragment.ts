import { LegatoError } from '@legato/errors';
import {
  FRAGMENT_LOCAL_GROUP_INDEX_BASE,
  hexToBytes,
  locateSamples,
  parseMediaSegment,
  type SeigEntry,
  type TencBox,
  type TrackFragment,
} from '@legato/isobmff';
import type { WidevineDecryptInput } from './widevine-device-cdm-api.js';

/** Track encryption defaults from the init segment (`tenc`) and the scheme (`schm`). */
export interface TrackProtection {
  readonly tenc: TencBox;
  /** `cenc` or `cbcs`. */
  readonly scheme: 'cenc' | 'cbcs';
}

/**
 * Decrypts every protected sample of a CENC media segment through `decrypt` (a CDM's sample
 * decryption) and returns a decrypted copy; the input is not modified. Samples whose `seig`
 * group says isProtected = 0 (clear lead) are left as they are.
 *
 * @example
 * ```ts
 * const clear = await decryptFragment(segment, { tenc, scheme: 'cenc' }, (s) => cdm.decryptSample(s));
 * ```
 */
export async function decryptFragment(
  bytes: Uint8Array,
  protection: TrackProtection,
  decrypt: (input: WidevineDecryptInput) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const { tenc, scheme } = protection;
  const { fragments } = parseMediaSegment(bytes, { perSampleIvSize: tenc.perSampleIvSize });
  const out = bytes.slice();
  for (const f of fragments) {
    for (const traf of f.trafs) {
      const samples = locateSamples({ ...traf, moofStart: f.moofStart, bufferBytes: bytes.length });
      const groups = sampleGroups(traf, samples.length);
      for (const [i, s] of samples.entries()) {
        const group = groups[i] ?? null;
        const isProtected = group ? group.isProtected === 1 : tenc.isProtected === 1;
        if (!isProtected) continue;
        const aux = traf.senc?.samples[i];
        const constantIv = group?.constantIv ?? tenc.constantIv;
        const iv = aux && aux.iv.length > 0 ? aux.iv : constantIv;
        if (!iv) {
          throw new LegatoError(
            'CDM_DECRYPT_FAILED',
            `sample ${i} of track ${traf.tfhd.trackId}: expected an IV in senc or a constant IV, received none`,
          );
        }
        const kid = group ? group.kid : tenc.defaultKid;
        const crypt = group ? group.cryptByteBlock : tenc.cryptByteBlock;
        const skip = group ? group.skipByteBlock : tenc.skipByteBlock;
        const clear = await decrypt({
          keyId: hexToBytes(kid),
          iv,
          data: bytes.subarray(s.offset, s.offset + s.size),
          subsamples: aux?.subsamples ?? null,
          scheme,
          ...((crypt !== 0 || skip !== 0) && {
            pattern: { encryptBlocks: crypt, skipBlocks: skip },
          }),
        });
        if (clear.length !== s.size) {
          throw new LegatoError(
            'CDM_DECRYPT_FAILED',
            `sample ${i} of track ${traf.tfhd.trackId}: expected ${s.size} decrypted bytes, received ${clear.length}`,
          );
        }
        out.set(clear, s.offset);
      }
    }
  }
  return out;
}

/** The `seig` entry of each sample (from traf-local sbgp/sgpd), or null when none applies. */
function sampleGroups(traf: TrackFragment, count: number): (SeigEntry | null)[] {
  const out: (SeigEntry | null)[] = new Array(count).fill(null);
  const sbgp = traf.sbgp.find((g) => g.groupingType === 'seig');
  const sgpd = traf.sgpd.find((g) => g.groupingType === 'seig');
  if (!sbgp || !sgpd?.seig) return out;
  let i = 0;
  for (const e of sbgp.entries) {
    const local = e.groupDescriptionIndex - FRAGMENT_LOCAL_GROUP_INDEX_BASE - 1;
    const entry =
      e.groupDescriptionIndex > FRAGMENT_LOCAL_GROUP_INDEX_BASE ? (sgpd.seig[local] ?? null) : null;
    for (let n = 0; n < e.sampleCount && i < count; n++) out[i++] = entry;
  }
  return out;
}

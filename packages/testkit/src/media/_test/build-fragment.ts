import { concatBytes, writeBox, writeFullBox } from '@legato/isobmff';
import { u32Bytes } from '../_internal/bytes.js';

/**
 * A minimal single-track fragment the way ffmpeg writes one (tfhd default-base-is-moof,
 * tfdt, trun with data_offset + per-sample sizes), for tests that need arbitrary samples.
 */
export function buildFragment(
  samples: readonly Uint8Array[],
  sequence = 1,
  baseTime = 0,
): Uint8Array {
  const mfhd = writeFullBox('mfhd', 0, 0, u32Bytes(sequence));
  const tfhd = writeFullBox('tfhd', 0, 0x02_0008, u32Bytes(1), u32Bytes(960));
  const tfdt = writeFullBox('tfdt', 1, 0, u32Bytes(0), u32Bytes(baseTime));
  const trunBody = (dataOffset: number) =>
    concatBytes([
      u32Bytes(samples.length),
      u32Bytes(dataOffset),
      ...samples.map((s) => u32Bytes(s.length)),
    ]);
  const moofSize = (trun: Uint8Array) =>
    writeBox('moof', mfhd, writeBox('traf', tfhd, tfdt, trun)).length;
  const size = moofSize(writeFullBox('trun', 0, 0x201, trunBody(0)));
  const trun = writeFullBox('trun', 0, 0x201, trunBody(size + 8));
  return concatBytes([
    writeBox('moof', mfhd, writeBox('traf', tfhd, tfdt, trun)),
    writeBox('mdat', ...samples),
  ]);
}

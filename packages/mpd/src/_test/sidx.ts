import { writeFullBox } from '@legato/isobmff';

/** A version-0 `sidx` box with media references `{ size, duration }` (test helper). */
export function writeTestSidx(
  timescale: number,
  earliestPresentationTime: number,
  firstOffset: number,
  refs: readonly { size: number; duration: number; type?: 0 | 1 }[],
): Uint8Array {
  const body = new Uint8Array(20 + refs.length * 12);
  const v = new DataView(body.buffer);
  v.setUint32(0, 1); // reference_ID
  v.setUint32(4, timescale);
  v.setUint32(8, earliestPresentationTime);
  v.setUint32(12, firstOffset);
  v.setUint16(18, refs.length);
  refs.forEach((r, i) => {
    const o = 20 + i * 12;
    v.setUint32(o, (((r.type ?? 0) << 31) | r.size) >>> 0);
    v.setUint32(o + 4, r.duration);
    v.setUint32(o + 8, 0x9000_0000); // starts_with_SAP, SAP type 1
  });
  return writeFullBox('sidx', 0, 0, body);
}

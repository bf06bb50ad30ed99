import type { BoxHeader } from '@legato/isobmff';
import { u32 } from '../../_internal/bytes.js';

/** What the CENC rewrite needs from one `traf`'s `tfhd` + `trun`. */
export interface TrackRunLayout {
  readonly sampleCount: number;
  /** Size of each sample in bytes, in order. */
  readonly sampleSizes: readonly number[];
  /** trun data_offset (relative to the moof start: default-base-is-moof or no base). */
  readonly dataOffset: number;
  /** Absolute index of the trun data_offset field in the buffer. */
  readonly dataOffsetField: number;
}

/**
 * Reads a `tfhd` + `trun` pair into a {@link TrackRunLayout}; returns a string saying what is
 * unsupported instead (explicit base-data-offset, no data_offset, no sample sizes, truncation).
 */
export function readTrackRun(
  bytes: Uint8Array,
  tfhd: BoxHeader,
  trun: BoxHeader,
): TrackRunLayout | string {
  const hb = tfhd.start + tfhd.headerBytes;
  if (hb + 8 > tfhd.end) return 'tfhd is truncated';
  const tfhdFlags = u32(bytes, hb) & 0xff_ffff;
  if (tfhdFlags & 0x01)
    return 'tfhd has an explicit base-data-offset (expected default-base-is-moof)';
  let at = hb + 8;
  if (tfhdFlags & 0x02) at += 4;
  if (tfhdFlags & 0x08) at += 4;
  let defaultSize = -1;
  if (tfhdFlags & 0x10) {
    if (at + 4 > tfhd.end) return 'tfhd is truncated';
    defaultSize = u32(bytes, at);
  }
  const tb = trun.start + trun.headerBytes;
  if (tb + 8 > trun.end) return 'trun is truncated';
  const flags = u32(bytes, tb) & 0xff_ffff;
  const sampleCount = u32(bytes, tb + 4);
  if ((flags & 0x01) === 0) return 'trun has no data_offset';
  const dataOffsetField = tb + 8;
  const dataOffset = u32(bytes, dataOffsetField) | 0;
  let p = dataOffsetField + 4;
  if (flags & 0x04) p += 4;
  const perSample =
    (flags & 0x100 ? 4 : 0) +
    (flags & 0x200 ? 4 : 0) +
    (flags & 0x400 ? 4 : 0) +
    (flags & 0x800 ? 4 : 0);
  if (p + perSample * sampleCount > trun.end)
    return `trun is truncated: ${sampleCount} samples do not fit`;
  if ((flags & 0x200) === 0 && defaultSize < 0) return 'no sample sizes in trun or tfhd';
  const sampleSizes: number[] = new Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) {
    if (flags & 0x100) p += 4;
    if (flags & 0x200) {
      sampleSizes[i] = u32(bytes, p);
      p += 4;
    } else sampleSizes[i] = defaultSize;
    if (flags & 0x400) p += 4;
    if (flags & 0x800) p += 4;
  }
  return { sampleCount, sampleSizes, dataOffset, dataOffsetField };
}

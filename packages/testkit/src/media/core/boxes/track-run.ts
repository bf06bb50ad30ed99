import { type BoxHeader, parseTfhd, parseTrun } from '@legato/isobmff';
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
 * unsupported instead (explicit base-data-offset, no data_offset, no sample sizes).
 * Malformed boxes throw `ISOBMFF_MALFORMED`.
 */
export function readTrackRun(
  bytes: Uint8Array,
  tfhdBox: BoxHeader,
  trunBox: BoxHeader,
): TrackRunLayout | string {
  const tfhd = parseTfhd(bytes, tfhdBox);
  if (tfhd.baseDataOffset !== undefined)
    return 'tfhd has an explicit base-data-offset (expected default-base-is-moof)';
  // Bound the per-sample work by the bytes present before parsing: samples without per-sample
  // fields cost no trun bytes, so sample_count alone could ask for 2^20 of them.
  const countAt = trunBox.start + trunBox.headerBytes + 4;
  const declared = countAt + 4 <= trunBox.end ? u32(bytes, countAt) : 0;
  if (declared > bytes.length)
    return `trun declares ${declared} samples, more than the ${bytes.length} bytes of the fragment`;
  const trun = parseTrun(bytes, trunBox);
  if (trun.dataOffset === null) return 'trun has no data_offset';
  const sampleSizes: number[] = [];
  for (const sample of trun.samples) {
    const size = sample.size ?? tfhd.defaultSampleSize;
    if (size === undefined) return 'no sample sizes in trun or tfhd';
    sampleSizes.push(size);
  }
  return {
    sampleCount: trun.samples.length,
    sampleSizes,
    dataOffset: trun.dataOffset,
    // full-box version/flags (4) + sample_count (4), then data_offset.
    dataOffsetField: trunBox.start + trunBox.headerBytes + 8,
  };
}

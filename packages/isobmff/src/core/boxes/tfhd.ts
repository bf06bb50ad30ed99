import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** `tfhd` flag bits (ISO 14496-12 §8.8.7). */
export const TfhdFlags = {
  baseDataOffsetPresent: 0x00_0001,
  sampleDescriptionIndexPresent: 0x00_0002,
  defaultSampleDurationPresent: 0x00_0008,
  defaultSampleSizePresent: 0x00_0010,
  defaultSampleFlagsPresent: 0x00_0020,
  durationIsEmpty: 0x01_0000,
  defaultBaseIsMoof: 0x02_0000,
} as const;

/** A parsed Track Fragment Header box. Optional fields are present only when their flag is set. */
export interface TfhdBox {
  /** Raw 24-bit flags (see {@link TfhdFlags}). */
  readonly flags: number;
  readonly trackId: number;
  /** Absolute base offset for sample data, in bytes. */
  readonly baseDataOffset?: number;
  readonly sampleDescriptionIndex?: number;
  /** In media timescale ticks. */
  readonly defaultSampleDuration?: number;
  /** In bytes. */
  readonly defaultSampleSize?: number;
  readonly defaultSampleFlags?: number;
}

/** Parses a `tfhd` box. */
export function parseTfhd(bytes: Uint8Array, box?: BoxHeader): TfhdBox {
  const { c, flags } = openFullBox(bytes, box, 'tfhd', 0);
  const trackId = c.u32('track_ID');
  const baseDataOffset =
    flags & TfhdFlags.baseDataOffsetPresent ? c.u64('base_data_offset') : undefined;
  const sdi =
    flags & TfhdFlags.sampleDescriptionIndexPresent ? c.u32('sample_description_index') : undefined;
  const dur =
    flags & TfhdFlags.defaultSampleDurationPresent ? c.u32('default_sample_duration') : undefined;
  const size =
    flags & TfhdFlags.defaultSampleSizePresent ? c.u32('default_sample_size') : undefined;
  const sflags =
    flags & TfhdFlags.defaultSampleFlagsPresent ? c.u32('default_sample_flags') : undefined;
  return {
    flags,
    trackId,
    ...(baseDataOffset !== undefined && { baseDataOffset }),
    ...(sdi !== undefined && { sampleDescriptionIndex: sdi }),
    ...(dur !== undefined && { defaultSampleDuration: dur }),
    ...(size !== undefined && { defaultSampleSize: size }),
    ...(sflags !== undefined && { defaultSampleFlags: sflags }),
  };
}

/**
 * Serializes a `tfhd` box. The optional-field flag bits are derived from which fields are
 * given; `flags` contributes only `durationIsEmpty` / `defaultBaseIsMoof`.
 */
export function writeTfhd(tfhd: TfhdBox): Uint8Array {
  checkUint('trackId', tfhd.trackId, 0xffff_ffff);
  let flags = tfhd.flags & (TfhdFlags.durationIsEmpty | TfhdFlags.defaultBaseIsMoof);
  let size = 4;
  const fields: [number, number | undefined, number][] = [
    [TfhdFlags.baseDataOffsetPresent, tfhd.baseDataOffset, 8],
    [TfhdFlags.sampleDescriptionIndexPresent, tfhd.sampleDescriptionIndex, 4],
    [TfhdFlags.defaultSampleDurationPresent, tfhd.defaultSampleDuration, 4],
    [TfhdFlags.defaultSampleSizePresent, tfhd.defaultSampleSize, 4],
    [TfhdFlags.defaultSampleFlagsPresent, tfhd.defaultSampleFlags, 4],
  ];
  for (const [bit, value, bytes] of fields) {
    if (value === undefined) continue;
    checkUint('tfhd field', value, bytes === 8 ? Number.MAX_SAFE_INTEGER : 0xffff_ffff);
    flags |= bit;
    size += bytes;
  }
  const w = new ByteWriter(size).u32(tfhd.trackId);
  for (const [, value, bytes] of fields) {
    if (value === undefined) continue;
    if (bytes === 8) w.u64(value);
    else w.u32(value);
  }
  return writeFullBox('tfhd', 0, flags, w.finish());
}

import { LegatoError } from '@legato/errors';
import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** `trun` flag bits (ISO 14496-12 §8.8.8). */
export const TrunFlags = {
  dataOffsetPresent: 0x0001,
  firstSampleFlagsPresent: 0x0004,
  sampleDurationPresent: 0x0100,
  sampleSizePresent: 0x0200,
  sampleFlagsPresent: 0x0400,
  sampleCompositionTimeOffsetsPresent: 0x0800,
} as const;

/** One sample of a track run; a field is present only when the run's flags carry it. */
export interface TrunSample {
  /** In media timescale ticks. */
  readonly duration?: number;
  /** In bytes. */
  readonly size?: number;
  readonly flags?: number;
  /** Composition minus decode time, in ticks (signed in version 1). */
  readonly compositionTimeOffset?: number;
}

/** A parsed Track Fragment Run box. */
export interface TrunBox {
  /** 0, or 1 for signed composition offsets. */
  readonly version: number;
  /** Raw 24-bit flags (see {@link TrunFlags}). */
  readonly flags: number;
  /** Signed offset of the first sample's data from the base data offset, in bytes; null when absent. */
  readonly dataOffset: number | null;
  /** Flags overriding the first sample's, or null. */
  readonly firstSampleFlags: number | null;
  readonly samples: readonly TrunSample[];
}

const EMPTY_SAMPLE: TrunSample = Object.freeze({});

function emptySamples(count: number): TrunSample[] {
  return new Array<TrunSample>(count).fill(EMPTY_SAMPLE);
}

/** Parses a `trun` box; sample count is checked against the box size before anything is allocated. */
export function parseTrun(bytes: Uint8Array, box?: BoxHeader): TrunBox {
  const { c, version, flags } = openFullBox(bytes, box, 'trun', 1);
  const count = c.u32('sample_count');
  const dataOffset = flags & TrunFlags.dataOffsetPresent ? c.i32('data_offset') : null;
  const firstSampleFlags =
    flags & TrunFlags.firstSampleFlagsPresent ? c.u32('first_sample_flags') : null;
  const hasDuration = (flags & TrunFlags.sampleDurationPresent) !== 0;
  const hasSize = (flags & TrunFlags.sampleSizePresent) !== 0;
  const hasFlags = (flags & TrunFlags.sampleFlagsPresent) !== 0;
  const hasCto = (flags & TrunFlags.sampleCompositionTimeOffsetsPresent) !== 0;
  const perSample = 4 * (Number(hasDuration) + Number(hasSize) + Number(hasFlags) + Number(hasCto));
  c.needRepeated(count, perSample, 'sample_count');
  // Samples without per-sample fields (all from tfhd/trex defaults) share one empty object.
  if (perSample === 0)
    return { version, flags, dataOffset, firstSampleFlags, samples: emptySamples(count) };
  const samples: TrunSample[] = new Array(count);
  for (let i = 0; i < count; i++) {
    // Fields added in one fixed order: every sample of a run shares one object shape.
    const sample: {
      duration?: number;
      size?: number;
      flags?: number;
      compositionTimeOffset?: number;
    } = {};
    if (hasDuration) sample.duration = c.u32('sample_duration');
    if (hasSize) sample.size = c.u32('sample_size');
    if (hasFlags) sample.flags = c.u32('sample_flags');
    if (hasCto) {
      sample.compositionTimeOffset =
        version === 1
          ? c.i32('sample_composition_time_offset')
          : c.u32('sample_composition_time_offset');
    }
    samples[i] = sample;
  }
  return { version, flags, dataOffset, firstSampleFlags, samples };
}

/** What {@link writeTrun} serializes; which per-sample fields are written follows the first sample. */
export interface TrunInit {
  /** @default 0, or 1 when a composition offset is negative */
  readonly version?: 0 | 1;
  /** Offset of the first sample's data from the base data offset, in bytes. @default null (not written) */
  readonly dataOffset?: number | null;
  /** Flags overriding the first sample's. @default null (not written) */
  readonly firstSampleFlags?: number | null;
  /** The samples; every one must carry the same fields. */
  readonly samples: readonly TrunSample[];
}

/**
 * Serializes a `trun` box. Every sample must carry the same set of fields.
 *
 * @example
 * ```ts
 * writeTrun({ dataOffset: moofSize + 8, samples: [{ duration: 960, size: 120 }] });
 * ```
 */
export function writeTrun(init: TrunInit): Uint8Array {
  const first = init.samples[0];
  const has = {
    duration: first?.duration !== undefined,
    size: first?.size !== undefined,
    flags: first?.flags !== undefined,
    cto: first?.compositionTimeOffset !== undefined,
  };
  let negativeCto = false;
  for (const [i, s] of init.samples.entries()) {
    if (
      (s.duration !== undefined) !== has.duration ||
      (s.size !== undefined) !== has.size ||
      (s.flags !== undefined) !== has.flags ||
      (s.compositionTimeOffset !== undefined) !== has.cto
    ) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `samples[${i}]: expected the same fields as samples[0], received ${JSON.stringify(s)}`,
      );
    }
    if (s.duration !== undefined) checkUint(`samples[${i}].duration`, s.duration, 0xffff_ffff);
    if (s.size !== undefined) checkUint(`samples[${i}].size`, s.size, 0xffff_ffff);
    if (s.flags !== undefined) checkUint(`samples[${i}].flags`, s.flags, 0xffff_ffff);
    if (s.compositionTimeOffset !== undefined) {
      checkUint(
        `samples[${i}].compositionTimeOffset`,
        s.compositionTimeOffset,
        0xffff_ffff,
        -0x8000_0000,
      );
    }
    if ((s.compositionTimeOffset ?? 0) < 0) negativeCto = true;
  }
  const version = init.version ?? (negativeCto ? 1 : 0);
  const dataOffset = init.dataOffset ?? null;
  const firstFlags = init.firstSampleFlags ?? null;
  let flags = 0;
  if (dataOffset !== null) flags |= TrunFlags.dataOffsetPresent;
  if (firstFlags !== null) flags |= TrunFlags.firstSampleFlagsPresent;
  if (has.duration) flags |= TrunFlags.sampleDurationPresent;
  if (has.size) flags |= TrunFlags.sampleSizePresent;
  if (has.flags) flags |= TrunFlags.sampleFlagsPresent;
  if (has.cto) flags |= TrunFlags.sampleCompositionTimeOffsetsPresent;
  const perSample =
    4 * (Number(has.duration) + Number(has.size) + Number(has.flags) + Number(has.cto));
  const w = new ByteWriter(
    4 +
      (dataOffset !== null ? 4 : 0) +
      (firstFlags !== null ? 4 : 0) +
      perSample * init.samples.length,
  );
  w.u32(init.samples.length);
  if (dataOffset !== null) {
    checkUint('dataOffset', dataOffset, 0x7fff_ffff, -0x8000_0000);
    w.i32(dataOffset);
  }
  if (firstFlags !== null) w.u32(firstFlags);
  for (const s of init.samples) {
    if (s.duration !== undefined) w.u32(s.duration);
    if (s.size !== undefined) w.u32(s.size);
    if (s.flags !== undefined) w.u32(s.flags);
    if (s.compositionTimeOffset !== undefined) {
      if (version === 1) w.i32(s.compositionTimeOffset);
      else w.u32(s.compositionTimeOffset);
    }
  }
  return writeFullBox('trun', version, flags, w.finish());
}

import { malformed } from '../_internal/malformed.js';
import type { TfhdBox } from './boxes/tfhd.js';
import type { TrexBox } from './boxes/trex.js';
import type { TrunBox } from './boxes/trun.js';

/** Where one sample of a fragment lives and how long it lasts. */
export interface SampleLocation {
  /** Absolute byte offset of the sample data in the buffer the `moof` was parsed from. */
  readonly offset: number;
  /** In bytes. */
  readonly size: number;
  /** In media timescale ticks. */
  readonly duration: number;
  /** Decode time in ticks (from `tfdt`; 0-based when absent). */
  readonly decodeTime: number;
  readonly flags: number;
  /** In ticks. */
  readonly compositionTimeOffset: number;
}

/** What {@link locateSamples} needs about one track fragment. */
export interface LocateSamplesInput {
  readonly tfhd: TfhdBox;
  readonly truns: readonly TrunBox[];
  /** Absolute offset of the enclosing `moof`'s first byte. */
  readonly moofStart: number;
  /** `tfdt` base media decode time in ticks. @default 0 */
  readonly baseMediaDecodeTime?: number | null;
  /** The track's `trex` defaults from the init segment. @default null (tfhd/trun must carry every value) */
  readonly trex?: TrexBox | null;
  /** Length of the buffer: every sample must lie inside it. @default Infinity */
  readonly bufferBytes?: number;
}

/**
 * Resolves every sample of a track fragment to an absolute byte range and a decode time,
 * applying `trun` → `tfhd` → `trex` defaults and the base data offset (the explicit
 * `base_data_offset`, else the `moof` start — exact for default-base-is-moof and for the first
 * `traf`, which covers single-track segments). Throws `ISOBMFF_MALFORMED` when a sample has
 * no size or lands outside the buffer.
 *
 * @example
 * ```ts
 * const [frag] = parseMediaSegment(segment).fragments;
 * for (const s of locateSamples({ ...frag.trafs[0], moofStart: frag.moofStart })) segment.subarray(s.offset, s.offset + s.size);
 * ```
 */
export function locateSamples(input: LocateSamplesInput): SampleLocation[] {
  const { tfhd, trex } = input;
  // Explicit base, else the moof start (default-base-is-moof, and the first traf without it).
  const base = tfhd.baseDataOffset ?? input.moofStart;
  const limit = input.bufferBytes ?? Number.POSITIVE_INFINITY;
  const out: SampleLocation[] = [];
  let next = base;
  let time = input.baseMediaDecodeTime ?? 0;
  for (const trun of input.truns) {
    let pos = trun.dataOffset === null ? next : base + trun.dataOffset;
    for (let i = 0; i < trun.samples.length; i++) {
      const s = trun.samples[i]!;
      const size = s.size ?? tfhd.defaultSampleSize ?? trex?.defaultSampleSize;
      const duration = s.duration ?? tfhd.defaultSampleDuration ?? trex?.defaultSampleDuration ?? 0;
      const flags =
        i === 0 && trun.firstSampleFlags !== null
          ? trun.firstSampleFlags
          : (s.flags ?? tfhd.defaultSampleFlags ?? trex?.defaultSampleFlags ?? 0);
      if (size === undefined) {
        throw malformed(
          `track ${tfhd.trackId}: sample ${out.length} has no size in trun, tfhd or trex`,
          {
            box: 'trun',
            trackId: tfhd.trackId,
            sample: out.length,
          },
        );
      }
      if (pos < 0 || pos + size > limit) {
        throw malformed(
          `track ${tfhd.trackId}: sample ${out.length} spans bytes [${pos}, ${pos + size}), outside the buffer of ${limit} bytes`,
          { box: 'trun', trackId: tfhd.trackId, sample: out.length, offset: pos, size },
        );
      }
      out.push({
        offset: pos,
        size,
        duration,
        decodeTime: time,
        flags,
        compositionTimeOffset: s.compositionTimeOffset ?? 0,
      });
      pos += size;
      time += duration;
    }
    next = pos;
  }
  return out;
}

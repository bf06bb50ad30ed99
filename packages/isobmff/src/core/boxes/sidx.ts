import { malformed } from '../../_internal/malformed.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';

/** One reference of a Segment Index: a media subsegment or a nested `sidx`. */
export interface SidxReference {
  /** 0 = media, 1 = another `sidx`. */
  readonly referenceType: number;
  /** Absolute byte offset of the referenced range (see `ParseSidxOptions.fileOffset`). */
  readonly offset: number;
  /** Size of the referenced range in bytes. */
  readonly size: number;
  /** Start time in seconds (earliest presentation time + preceding durations). */
  readonly startS: number;
  /** Duration in seconds. */
  readonly durationS: number;
  /** Start time in timescale ticks. */
  readonly startTicks: number;
  /** Duration in timescale ticks. */
  readonly durationTicks: number;
  readonly startsWithSap: boolean;
  readonly sapType: number;
  readonly sapDeltaTime: number;
}

/** A parsed Segment Index box (ISO 14496-12 §8.16.3). */
export interface SidxBox {
  readonly version: number;
  readonly referenceId: number;
  /** Ticks per second. */
  readonly timescale: number;
  /** In timescale ticks. */
  readonly earliestPresentationTime: number;
  /** Bytes from the end of the `sidx` to the first referenced byte. */
  readonly firstOffset: number;
  readonly references: readonly SidxReference[];
}

/** Options of {@link parseSidx}. */
export interface ParseSidxOptions {
  /**
   * Absolute file offset of `bytes[0]`: when only an `indexRange` was fetched, its start, so
   * reference offsets come out as file offsets usable in a Range request.
   * @default 0
   */
  readonly fileOffset?: number;
}

/**
 * Parses a `sidx` box into references with absolute byte offsets and times in seconds.
 *
 * @example
 * ```ts
 * const sidx = parseSidx(indexBytes, undefined, { fileOffset: indexRangeStart });
 * const { offset, size } = sidx.references[0]; // bytes=offset-(offset+size-1)
 * ```
 */
export function parseSidx(
  bytes: Uint8Array,
  box?: BoxHeader,
  options: ParseSidxOptions = {},
): SidxBox {
  const { c, version, box: b } = openFullBox(bytes, box, 'sidx', 1);
  const referenceId = c.u32('reference_ID');
  const timescale = c.u32('timescale');
  if (timescale === 0) {
    throw malformed(`'sidx' box at offset ${b.start}: expected a non-zero timescale, received 0`, {
      box: 'sidx',
      offset: b.start,
    });
  }
  const earliestPresentationTime =
    version === 0 ? c.u32('earliest_presentation_time') : c.u64('earliest_presentation_time');
  const firstOffset = version === 0 ? c.u32('first_offset') : c.u64('first_offset');
  c.skip(2, 'reserved');
  const count = c.u16('reference_count');
  c.needRepeated(count, 12, 'reference_count');
  const references: SidxReference[] = new Array(count);
  let offset = (options.fileOffset ?? 0) + b.end + firstOffset;
  let time = earliestPresentationTime;
  for (let i = 0; i < count; i++) {
    const word = c.u32('referenced_size');
    const durationTicks = c.u32('subsegment_duration');
    const sap = c.u32('SAP');
    const size = word & 0x7fff_ffff;
    references[i] = {
      referenceType: word >>> 31,
      offset,
      size,
      startS: time / timescale,
      durationS: durationTicks / timescale,
      startTicks: time,
      durationTicks,
      startsWithSap: sap >>> 31 === 1,
      sapType: (sap >>> 28) & 7,
      sapDeltaTime: sap & 0x0fff_ffff,
    };
    offset += size;
    time += durationTicks;
  }
  return { version, referenceId, timescale, earliestPresentationTime, firstOffset, references };
}

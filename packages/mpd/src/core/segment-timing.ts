import { type ExactInt, exactAdd, exactMul } from '../_internal/exact.js';

/**
 * Timing half of a lazy segment index: positions → time in timescale units. Private to the
 * package; `createSegmentIndex` turns it into seconds on the presentation timeline.
 */
export interface SegmentTiming {
  /** Number of segments (at most 2^53 − 1, so every position is an exact number). */
  readonly count: number;
  /** Units per second. */
  readonly timescale: number;
  /** Start of segment `i` relative to the period start, in timescale units (PTO subtracted). */
  start(i: number): number;
  /** Duration of segment `i` in timescale units (cut at the period end). */
  duration(i: number): number;
  /** Exact media time of segment `i` (`S@t` scale, PTO included): the `$Time$` value. */
  mediaTime(i: number): ExactInt;
  /** With `S@k`: the Segment Sequence of position `i` (counted from 0; `$Number$` − startNumber). */
  sequence?(i: number): number;
  /** With `S@k`: the 1-based part of position `i` in its sequence (`$SubNumber$`), null without `@k`. */
  subNumber?(i: number): number | null;
}

/** Options of {@link createUniformTiming}. */
export interface UniformTimingOptions {
  /** Units per second. */
  readonly timescale: number;
  /** Segment duration in timescale units (> 0). */
  readonly durationUnits: number;
  /** Media time of the period start (the presentationTimeOffset). */
  readonly ptoUnits: ExactInt;
  /** Segments before position 0 (a live window's first available segment). */
  readonly firstOffset: number;
  /** Number of segments. */
  readonly count: number;
  /** Period end relative to the period start, in units (the last segment is cut there). @default Infinity */
  readonly endUnits?: number;
}

/** Equal-duration segments (`@duration` addressing): O(1) memory for any count. */
export function createUniformTiming(o: UniformTimingOptions): SegmentTiming {
  const { timescale, durationUnits: d, ptoUnits, firstOffset, count } = o;
  const end = o.endUnits ?? Number.POSITIVE_INFINITY;
  const start = (i: number): number => (firstOffset + i) * d;
  return {
    count,
    timescale,
    start,
    duration: (i) => Math.min(d, end - start(i)),
    mediaTime: (i) => exactAdd(ptoUnits, exactMul(firstOffset + i, d)),
  };
}

/** Segments of a period of `spanUnits` with duration `d`, ignoring float dust at the end. */
export function segmentsInSpan(spanUnits: number, d: number): number {
  if (!(spanUnits > 0)) return 0;
  return Math.max(0, Math.ceil(spanUnits / d - 1e-6));
}

/** An empty timing. */
export const noSegments: SegmentTiming = {
  count: 0,
  timescale: 1,
  start: () => 0,
  duration: () => 0,
  mediaTime: () => 0,
};

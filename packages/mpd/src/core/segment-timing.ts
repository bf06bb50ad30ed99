/**
 * Timing half of a lazy segment index: positions → media time in timescale units. Private to
 * the package; `createSegmentIndex` turns it into seconds on the presentation timeline.
 */
export interface SegmentTiming {
  /** Number of segments. */
  readonly count: number;
  /** Units per second. */
  readonly timescale: number;
  /** Media start time of segment `i` in timescale units (`S@t` scale, presentationTimeOffset included). */
  start(i: number): number;
  /** Duration of segment `i` in timescale units. */
  duration(i: number): number;
  /** A position near the segment covering media time `units`, clamped to `[0, count)`. */
  locate(units: number): number;
}

/** Options of {@link createUniformTiming}. */
export interface UniformTimingOptions {
  /** Units per second. */
  readonly timescale: number;
  /** Segment duration in timescale units (> 0). */
  readonly durationUnits: number;
  /** Media time of segment 0 of the period (the presentationTimeOffset). */
  readonly originUnits: number;
  /** Segments before position 0 (a live window's first available segment). */
  readonly firstOffset: number;
  /** Number of segments. */
  readonly count: number;
  /** Media time where the period ends (the last segment is cut there). @default Infinity */
  readonly endUnits?: number;
}

/** Equal-duration segments (`@duration` addressing): O(1) memory for any count. */
export function createUniformTiming(o: UniformTimingOptions): SegmentTiming {
  const { timescale, durationUnits: d, originUnits, firstOffset, count } = o;
  const end = o.endUnits ?? Number.POSITIVE_INFINITY;
  const start = (i: number): number => originUnits + (firstOffset + i) * d;
  return {
    count,
    timescale,
    start,
    duration: (i) => Math.min(d, end - start(i)),
    locate: (units) => {
      const k = Math.floor((units - originUnits) / d) - firstOffset;
      return k < 0 ? 0 : k >= count ? count - 1 : k;
    },
  };
}

/** Segments of a period of `spanUnits` with duration `d`, ignoring float dust at the end. */
export function segmentsInSpan(spanUnits: number, d: number): number {
  if (!(spanUnits > 0)) return 0;
  return Math.max(0, Math.ceil(spanUnits / d - 1e-6));
}

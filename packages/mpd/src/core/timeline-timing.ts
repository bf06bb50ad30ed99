import { invalidAttribute } from '../_internal/invalid-attribute.js';
import type { SegmentTiming } from './segment-timing.js';

/** A `SegmentTimeline` as compact columns, one entry per `S` element (r unresolved). */
export interface RawTimeline {
  /** `S@t`, NaN when absent. */
  readonly t: Float64Array;
  /** `S@d`, > 0. */
  readonly d: Float64Array;
  /** `S@r`, -1 for "until the next S@t or the period end". */
  readonly r: Float64Array;
}

/** Where an open-ended (`r="-1"`) run stops when no later `S@t` exists. */
export interface TimelineBounds {
  /** Media time where the period ends, or null when unknown (live without an end). */
  readonly endUnits: number | null;
  /** Media time of "now" for live timelines, or null. */
  readonly nowUnits: number | null;
}

function upperBound(a: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Resolves a raw timeline into a timing: missing `t` follow the previous run, `r="-1"` repeats
 * up to the next `t`, else the period end, else "now" (live), else once. Memory is O(entries).
 * Throws MPD_INVALID_ATTRIBUTE when an `S@t` goes back in time.
 */
export function createTimelineTiming(
  raw: RawTimeline,
  timescale: number,
  originUnits: number,
  bounds: TimelineBounds,
): SegmentTiming {
  const n = raw.d.length;
  const t = new Float64Array(n);
  const cum = new Float64Array(n + 1);
  let next = originUnits;
  for (let j = 0; j < n; j++) {
    const tj = raw.t[j]!;
    const start = Number.isNaN(tj) ? next : tj;
    const d = raw.d[j]!;
    let r = raw.r[j]!;
    if (r < 0) {
      const following = j + 1 < n ? raw.t[j + 1]! : Number.NaN;
      const stop = !Number.isNaN(following) ? following : (bounds.endUnits ?? Number.NaN);
      if (!Number.isNaN(stop)) r = Math.ceil((stop - start) / d - 1e-6) - 1;
      else if (bounds.nowUnits !== null) r = Math.floor((bounds.nowUnits - start) / d + 1e-6) - 1;
      else r = 0;
      if (r < 0) r = 0;
    }
    if (start < next && j > 0) {
      throw invalidAttribute(
        'S',
        't',
        `a time >= the end of the previous segments (${next})`,
        String(start),
      );
    }
    t[j] = start;
    cum[j + 1] = cum[j]! + r + 1;
    if (cum[j + 1]! > Number.MAX_SAFE_INTEGER) {
      throw invalidAttribute('S', 'r', 'a total segment count below 2^53', String(r));
    }
    next = start + (r + 1) * d;
  }
  const d = raw.d;
  let cached = 0;
  const entryOf = (i: number): number => {
    if (cum[cached]! <= i && i < cum[cached + 1]!) return cached;
    cached = upperBound(cum, n + 1, i) - 1;
    return cached;
  };
  return {
    count: cum[n]!,
    timescale,
    start: (i) => {
      const j = entryOf(i);
      return t[j]! + (i - cum[j]!) * d[j]!;
    },
    duration: (i) => d[entryOf(i)]!,
    locate: (units) => {
      if (n === 0) return 0;
      const j = Math.max(0, upperBound(t, n, units) - 1);
      const runLength = cum[j + 1]! - cum[j]!;
      const k = Math.min(runLength - 1, Math.max(0, Math.floor((units - t[j]!) / d[j]!)));
      return cum[j]! + k;
    },
  };
}

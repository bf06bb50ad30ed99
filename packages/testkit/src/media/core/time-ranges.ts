import type { TimeRangeS } from '@legato/buffer';

/** Gaps shorter than this (seconds) are treated as contiguous (float rounding of segment times). */
export const RANGE_EPSILON_S = 1e-6;

/** `ranges` (ascending, disjoint) with [startS, endS) added and neighbours merged. */
export function addTimeRange(
  ranges: readonly TimeRangeS[],
  startS: number,
  endS: number,
): TimeRangeS[] {
  if (!(endS > startS)) return [...ranges];
  const out: TimeRangeS[] = [];
  let s = startS;
  let e = endS;
  for (const r of ranges) {
    if (r.endS < s - RANGE_EPSILON_S || r.startS > e + RANGE_EPSILON_S) out.push(r);
    else {
      s = Math.min(s, r.startS);
      e = Math.max(e, r.endS);
    }
  }
  out.push({ startS: s, endS: e });
  return out.sort((a, b) => a.startS - b.startS);
}

/** `ranges` with [startS, endS) cut out. */
export function removeTimeRange(
  ranges: readonly TimeRangeS[],
  startS: number,
  endS: number,
): TimeRangeS[] {
  const out: TimeRangeS[] = [];
  for (const r of ranges) {
    if (r.endS <= startS || r.startS >= endS) {
      out.push(r);
      continue;
    }
    if (r.startS < startS) out.push({ startS: r.startS, endS: startS });
    if (r.endS > endS) out.push({ startS: endS, endS: r.endS });
  }
  return out;
}

/** The range holding `positionS` (start inclusive, end exclusive), or undefined. */
export function rangeAt(ranges: readonly TimeRangeS[], positionS: number): TimeRangeS | undefined {
  return ranges.find(
    (r) => positionS >= r.startS - RANGE_EPSILON_S && positionS < r.endS - RANGE_EPSILON_S,
  );
}

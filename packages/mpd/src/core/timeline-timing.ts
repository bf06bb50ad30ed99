import { LegatoError } from '@legato/errors';
import { type ExactInt, exactAdd, exactDiff, exactMul } from '../_internal/exact.js';
import type { MpdWarning, MpdWarningCode } from './diagnostics.js';
import type { SegmentTiming } from './segment-timing.js';

/** A `SegmentTimeline` as compact columns, one entry per `S` element (r unresolved). */
export interface RawTimeline {
  /** `S@t`, NaN when absent (the nearest double when above 2^53: see `tExact`). */
  readonly t: Float64Array;
  /** The exact `S@t` of the entries whose value is above 2^53 − 1, by entry; null when none. */
  readonly tExact: ReadonlyMap<number, bigint> | null;
  /** `S@d`, > 0. */
  readonly d: Float64Array;
  /** `S@r`, -1 for "until the next S@t or the period end". */
  readonly r: Float64Array;
  /**
   * `S@k` (DASH 5th edition): each of the entry's segments is a Segment Sequence of `k` equal
   * parts addressed by `$SubNumber$`; 0 when the `S` has no `@k`. Null when no `S` has one.
   */
  readonly k?: Float64Array | null;
}

/** Where an open-ended (`r="-1"`) run stops, relative to the period start (timescale units). */
export interface TimelineBounds {
  /** The period end, or null when unknown (live without an end): later segments are cut off. */
  readonly endUnits: number | null;
  /** "Now" for live timelines, or null. */
  readonly nowUnits: number | null;
}

/** Receives a defect found in `S` number `entry` (throws in strict mode). */
export type TimelineDefect = (
  entry: number,
  error: LegatoError<MpdWarningCode>,
  action: MpdWarning['action'],
  what: string,
) => void;

/** Throws every defect: for indexes that must be exact (sidx). */
export const throwDefect: TimelineDefect = (_entry, error) => {
  throw error;
};

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

function givenT(raw: RawTimeline, j: number): ExactInt | null {
  const big = raw.tExact?.get(j);
  if (big !== undefined) return big;
  const t = raw.t[j]!;
  return Number.isNaN(t) ? null : t;
}

/**
 * Resolves a raw timeline (ISO/IEC 23009-1 §5.3.9.6): the first `S` without `@t` starts at 0,
 * a later one where the previous run ends; `r="-1"` repeats up to the next `@t`, else the
 * period end, else "now" (live), else once. An `S@t` before the previous run's end cuts that
 * run at `S@t` (reported as MPD_TIMELINE_OVERLAP); one before the previous run's start is
 * dropped. Segments starting at or after the period end are left out and the last one is cut
 * there. An `S@k` entry is a run of Segment Sequences of `k` parts of `d / k` each: positions are
 * the parts, `$Number$` and `$Time$` are the sequence's (`sequence`), `$SubNumber$` the part's
 * (1-based). Memory is O(entries); media times stay exact above 2^53.
 */
export function createTimelineTiming(
  raw: RawTimeline,
  timescale: number,
  ptoUnits: ExactInt,
  bounds: TimelineBounds,
  onDefect: TimelineDefect,
): SegmentTiming {
  const n = raw.d.length;
  const d = raw.d;
  const rel = new Float64Array(n);
  const abs = new Float64Array(n);
  let big: Map<number, bigint> | null = null;
  const runs = new Float64Array(n);
  const lastD = new Float64Array(n);
  // With S@k, positions are the parts of each sequence: k parts of d / k per repetition.
  const kOf = raw.k ?? null;
  const parts = kOf === null ? null : kOf.map((k) => Math.max(1, k));
  const pd = parts === null ? d : d.map((dj, j) => dj / parts[j]!);
  let nextAbs: ExactInt = 0;
  let total = 0;
  let prev = -1;
  for (let j = 0; j < n; j++) {
    const given = givenT(raw, j);
    const startAbs = given ?? nextAbs;
    const start = exactDiff(startAbs, ptoUnits);
    const dj = d[j]!;
    if (prev >= 0 && given !== null) {
      const dp = pd[prev]!;
      const prevEnd = rel[prev]! + (runs[prev]! - 1) * dp + lastD[prev]!;
      if (start < prevEnd) {
        const detail = `a time >= the end of the previous segments (${prevEnd} after the PTO)`;
        const error = new LegatoError(
          'MPD_TIMELINE_OVERLAP',
          `<S> t: expected ${detail}, received ${String(given)}`,
          { details: { element: 'S', attribute: 't', entry: j } },
        );
        if (start <= rel[prev]!) {
          onDefect(j, error, 'dropped', 'this S is left out');
          continue;
        }
        onDefect(j, error, 'repaired', 'the previous segment is cut at this S@t');
        const keep = Math.ceil((start - rel[prev]!) / dp);
        total -= runs[prev]! - keep;
        runs[prev] = keep;
        lastD[prev] = start - (rel[prev]! + (keep - 1) * dp);
      }
    }
    let r = raw.r[j]!;
    if (r < 0) {
      const following = j + 1 < n ? givenT(raw, j + 1) : null;
      const stop = following !== null ? exactDiff(following, ptoUnits) : bounds.endUnits;
      if (stop !== null) r = Math.ceil((stop - start) / dj - 1e-6) - 1;
      else if (bounds.nowUnits !== null) r = Math.floor((bounds.nowUnits - start) / dj + 1e-6) - 1;
      else r = 0;
      if (!(r >= 0)) r = 0;
    }
    let count = r + 1;
    const kj = parts === null ? 1 : parts[j]!;
    const room = Number.MAX_SAFE_INTEGER - total;
    if (count * kj > room) {
      onDefect(
        j,
        new LegatoError(
          'MPD_TOO_MANY_SEGMENTS',
          `<S> r: expected a total segment count below 2^53, received ${String(raw.r[j])} more`,
          { details: { element: 'S', attribute: 'r', entry: j } },
        ),
        'repaired',
        `the timeline stops after ${Number.MAX_SAFE_INTEGER} segments`,
      );
      count = Math.floor(room / kj);
    }
    rel[j] = start;
    runs[j] = count * kj;
    lastD[j] = pd[j]!;
    if (typeof startAbs === 'bigint') {
      big ??= new Map();
      big.set(j, startAbs);
    } else abs[j] = startAbs;
    total += count * kj;
    prev = j;
    nextAbs = exactAdd(startAbs, exactMul(count, dj));
    if (count < r + 1) break;
  }
  const end = bounds.endUnits;
  if (end !== null) {
    for (let j = 0; j < n; j++) {
      if (runs[j] === 0) continue;
      const inPeriod = rel[j]! >= end ? 0 : Math.ceil((end - rel[j]!) / pd[j]!);
      if (inPeriod < runs[j]!) {
        runs[j] = inPeriod;
        lastD[j] = pd[j]!;
      }
    }
  }
  const cum = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) cum[j + 1] = cum[j]! + runs[j]!;
  let cached = 0;
  const entryOf = (i: number): number => {
    if (cum[cached]! <= i && i < cum[cached + 1]!) return cached;
    cached = upperBound(cum, n + 1, i) - 1;
    return cached;
  };
  const start = (i: number): number => {
    const j = entryOf(i);
    return rel[j]! + (i - cum[j]!) * pd[j]!;
  };
  /** The sequence of position `i` within its entry (the repetition; `i` itself without S@k). */
  const repetition = (i: number, j: number): number =>
    parts === null ? i - cum[j]! : Math.floor((i - cum[j]!) / parts[j]!);
  const timing: SegmentTiming = {
    count: cum[n]!,
    timescale,
    start,
    duration: (i) => {
      const j = entryOf(i);
      const full = i === cum[j + 1]! - 1 ? lastD[j]! : pd[j]!;
      return end === null ? full : Math.min(full, end - start(i));
    },
    mediaTime: (i) => {
      const j = entryOf(i);
      return exactAdd(big?.get(j) ?? abs[j]!, exactMul(repetition(i, j), d[j]!));
    },
  };
  if (parts === null || kOf === null) return timing;
  // Sequences before each entry: $Number$ counts sequences, not parts.
  const seqCum = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) seqCum[j + 1] = seqCum[j]! + Math.ceil(runs[j]! / parts[j]!);
  return {
    ...timing,
    sequence: (i) => {
      const j = entryOf(i);
      return seqCum[j]! + repetition(i, j);
    },
    subNumber: (i) => {
      const j = entryOf(i);
      return kOf[j] === 0 ? null : ((i - cum[j]!) % parts[j]!) + 1;
    },
  };
}

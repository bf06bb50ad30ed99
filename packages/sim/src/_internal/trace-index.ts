import type { Trace } from '../core/trace.js';

/** Index of the step that contains `localMs` (0 ≤ localMs < periodMs): largest i with start ≤ t. */
export function stepIndexAt(trace: Trace, localMs: number): number {
  const start = trace.startMs;
  let lo = 0;
  let hi = trace.steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (start[mid]! <= localMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The step in force at absolute time `tMs` (≥ 0), after looping or holding. */
export function stepAt(trace: Trace, tMs: number): number {
  if (tMs >= trace.periodMs) {
    if (trace.end === 'hold') return trace.steps.length - 1;
    return stepIndexAt(trace, tMs % trace.periodMs);
  }
  return stepIndexAt(trace, tMs);
}

/** Bits deliverable from time 0 to absolute time `tMs` (≥ 0). */
export function bitsUntil(trace: Trace, tMs: number): number {
  const { periodMs, bitsPerPeriod } = trace;
  let base = 0;
  let local = tMs;
  if (tMs >= periodMs) {
    if (trace.end === 'hold') {
      const last = trace.steps[trace.steps.length - 1]!;
      return bitsPerPeriod + ((tMs - periodMs) * last.bitsPerSecond) / 1000;
    }
    const periods = Math.floor(tMs / periodMs);
    base = periods * bitsPerPeriod;
    local = tMs - periods * periodMs;
  }
  const i = stepIndexAt(trace, local);
  const step = trace.steps[i]!;
  return (
    base + trace.cumulativeBits[i]! + ((local - trace.startMs[i]!) * step.bitsPerSecond) / 1000
  );
}

/** The earliest absolute time by which `bits` (≥ 0) bits have been deliverable since time 0. */
export function timeForBits(trace: Trace, bits: number): number {
  const { periodMs, bitsPerPeriod } = trace;
  if (bits <= 0) return 0;
  if (trace.end === 'hold' && bits > bitsPerPeriod) {
    const last = trace.steps[trace.steps.length - 1]!;
    return periodMs + ((bits - bitsPerPeriod) * 1000) / last.bitsPerSecond;
  }
  let base = 0;
  let rest = bits;
  if (bits > bitsPerPeriod) {
    // Whole periods first; `rest` lands in (0, bitsPerPeriod].
    const periods = Math.ceil(bits / bitsPerPeriod) - 1;
    base = periods * periodMs;
    rest = bits - periods * bitsPerPeriod;
  }
  // Smallest j ≥ 1 with cumulativeBits[j] ≥ rest; step j-1 then carries data (> 0 rate).
  const cum = trace.cumulativeBits;
  let lo = 1;
  let hi = trace.steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! >= rest) hi = mid;
    else lo = mid + 1;
  }
  const k = lo - 1;
  const step = trace.steps[k]!;
  const into = step.bitsPerSecond > 0 ? ((rest - cum[k]!) * 1000) / step.bitsPerSecond : 0;
  return base + trace.startMs[k]! + Math.min(into, step.durationMs);
}

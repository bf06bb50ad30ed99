import { LegatoError } from '@legato/errors';
import { stepAt } from '../_internal/trace-index.js';
import type { Trace } from './trace.js';

function checkTime(tMs: number): void {
  if (!(Number.isFinite(tMs) && tMs >= 0)) {
    throw new LegatoError('INVALID_ARGUMENT', `tMs: expected a finite number ≥ 0, received ${tMs}`);
  }
}

/**
 * Throughput available at absolute time `tMs` (ms since the trace started), bits per second.
 *
 * @example
 * ```ts
 * throughputAt(trace, 1500); // rate of the step in force at 1.5 s, looping if needed
 * ```
 */
export function throughputAt(trace: Trace, tMs: number): number {
  checkTime(tMs);
  return trace.steps[stepAt(trace, tMs)]!.bitsPerSecond;
}

/** Request latency (time to first byte) for a request issued at absolute time `tMs`, ms. */
export function latencyAt(trace: Trace, tMs: number): number {
  checkTime(tMs);
  return trace.steps[stepAt(trace, tMs)]!.latencyMs;
}

import { LegatoError } from '@legato/errors';
import { bitsUntil, timeForBits } from '../_internal/trace-index.js';
import type { Trace } from './trace.js';

function checkRange(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${name}: expected a finite number ≥ 0, received ${value}`,
    );
  }
}

/**
 * Bytes the link can carry between absolute times `fromMs` and `toMs` (ms), integrating the
 * trace exactly across step boundaries and loops. Fractional: the caller rounds if it must.
 *
 * @example
 * ```ts
 * // 2 Mb/s for 1 s then 0 for 1 s, looping:
 * bytesDeliverable(trace, 500, 2500); // 125_000 + 0 + 125_000 = 250_000
 * ```
 */
export function bytesDeliverable(trace: Trace, fromMs: number, toMs: number): number {
  checkRange('fromMs', fromMs);
  checkRange('toMs', toMs);
  if (toMs < fromMs) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `toMs: expected ≥ fromMs (${fromMs}), received ${toMs}`,
    );
  }
  return (bitsUntil(trace, toMs) - bitsUntil(trace, fromMs)) / 8;
}

/**
 * The absolute time (ms) at which a transfer of `bytes` that starts sending at `fromMs` has
 * fully arrived — the inverse of {@link bytesDeliverable}. Zero-throughput steps (outages)
 * are waited out; always finite because a valid trace delivers data eventually.
 *
 * @example
 * ```ts
 * deliveryEndMs(trace, 0, 250_000); // 1000 ms at 2 Mb/s
 * ```
 */
export function deliveryEndMs(trace: Trace, fromMs: number, bytes: number): number {
  checkRange('fromMs', fromMs);
  checkRange('bytes', bytes);
  if (bytes === 0) return fromMs;
  const end = timeForBits(trace, bitsUntil(trace, fromMs) + bytes * 8);
  return Math.max(end, fromMs);
}

import { Observable, type OperatorFunction } from 'rxjs';
import { checkRange } from '../_internal/check-range.js';
import { createBandwidthEstimator } from '../core/bandwidth-estimator.js';
import type { BandwidthEstimatorConfig } from '../core/bandwidth-estimator-config.js';

/** One download progress event, as `@legato/fetch` reports it. */
export interface ProgressSample {
  /** Bytes received since the previous event of the same transfer. */
  readonly bytes: number;
  /** Milliseconds since the previous event (or since the request was sent, for the first). */
  readonly elapsedMs: number;
  /** Time of this event on any monotonic clock, in ms. */
  readonly nowMs: number;
}

/** Options of {@link estimateBandwidth}: the estimator's, plus when to emit. */
export interface EstimateBandwidthOptions extends BandwidthEstimatorConfig {
  /**
   * Smallest relative change of the estimate worth emitting (filters floating-point noise and
   * insignificant moves). @default 0.001
   */
  readonly minRelativeChange?: number;
}

/**
 * Turns download progress into bandwidth estimates (bits per second): one estimator per
 * subscription (the operator is cold), the current estimate (the default one) at subscription,
 * then every change of at least `minRelativeChange`. Errors and completion of the source pass through; unsubscribing
 * unsubscribes from the source.
 *
 * @example
 * ```ts
 * progress$.pipe(estimateBandwidth({ defaultEstimateBps: 500_000 }))
 *   .subscribe((bps) => console.log(`${(bps / 1e6).toFixed(2)} Mb/s`));
 * ```
 */
export function estimateBandwidth(
  options: EstimateBandwidthOptions = {},
): OperatorFunction<ProgressSample, number> {
  const { minRelativeChange = 0.001, ...config } = options;
  checkRange('minRelativeChange', minRelativeChange, 0, Infinity);
  return (source) =>
    new Observable<number>((subscriber) => {
      const estimator = createBandwidthEstimator(config);
      let last = estimator.estimate();
      subscriber.next(last);
      return source.subscribe({
        next(sample) {
          if (estimator.addSample(sample.bytes, sample.elapsedMs, sample.nowMs) !== 'used') return;
          const estimate = estimator.estimate();
          if (Math.abs(estimate - last) <= minRelativeChange * last) return;
          last = estimate;
          subscriber.next(estimate);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

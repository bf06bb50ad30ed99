import { checkRange } from '../_internal/check-range.js';
import type {
  BandwidthEstimatorConfig,
  BandwidthEstimatorStats,
  SampleDisposition,
} from './bandwidth-estimator-config.js';
import { createDualEwma } from './dual-ewma.js';
import { createSlidingPercentile } from './sliding-percentile.js';
import type { ThroughputStrategy } from './throughput-strategy.js';

/** A throughput estimator fed with download samples; see {@link createBandwidthEstimator}. */
export interface BandwidthEstimator {
  /**
   * Adds `bytes` received over `durationMs`, measured at `nowMs` (any monotonic clock). O(1) for
   * the dual EWMA, O(capacity) memory moves at worst for the sliding percentile; never allocates.
   */
  addSample(bytes: number, durationMs: number, nowMs: number): SampleDisposition;
  /** The current estimate in bits per second: the default until enough bytes were measured. */
  estimate(): number;
  /** True once `minTotalBytes` were measured and `estimate()` comes from samples. */
  hasEnoughData(): boolean;
  /** Counters since the last reset (allocates; for logs, not the hot path). */
  stats(): BandwidthEstimatorStats;
  /** Forgets every sample, e.g. after a network change. */
  reset(): void;
}

/**
 * Creates a bandwidth estimator: sample filtering (byte / duration floors with merging of small
 * progress samples, cache hits counted apart, outliers capped) in front of a dual-EWMA (default)
 * or sliding-percentile strategy, with a default estimate until `minTotalBytes` were measured.
 *
 * @example
 * ```ts
 * const estimator = createBandwidthEstimator({ defaultEstimateBps: 500_000 });
 * estimator.estimate(); // 500_000 until 128 kB were measured
 * for (let t = 0; t < 10; t++) estimator.addSample(250_000, 1000, t * 1000); // 2 Mb/s
 * estimator.estimate(); // 2_000_000
 * ```
 */
export function createBandwidthEstimator(
  config: BandwidthEstimatorConfig = {},
): BandwidthEstimator {
  const defaultEstimateBps = checkRange(
    'defaultEstimateBps',
    config.defaultEstimateBps ?? 1e6,
    0,
    Infinity,
    true,
  );
  const minTotalBytes = checkRange('minTotalBytes', config.minTotalBytes ?? 128_000, 0, Infinity);
  const minSampleBytes = checkRange('minSampleBytes', config.minSampleBytes ?? 16_000, 0, Infinity);
  const minSampleDurationMs = checkRange(
    'minSampleDurationMs',
    config.minSampleDurationMs ?? 10,
    0,
    Infinity,
  );
  const cacheDurationMs = checkRange('cacheDurationMs', config.cacheDurationMs ?? 1, 0, Infinity);
  const maxSampleBps = checkRange('maxSampleBps', config.maxSampleBps ?? 1e10, 0, Infinity, true);
  const outlierFactor = checkRange('outlierFactor', config.outlierFactor ?? 8, 1, Infinity);
  const strategyConfig = config.strategy ?? { kind: 'dual-ewma' };
  const strategy: ThroughputStrategy =
    strategyConfig.kind === 'sliding-percentile'
      ? createSlidingPercentile(strategyConfig)
      : createDualEwma(strategyConfig);

  let pendingBytes = 0;
  let pendingMs = 0;
  let usedSamples = 0;
  let usedBytes = 0;
  let cacheSamples = 0;
  let cacheBytes = 0;
  let invalidSamples = 0;
  let cappedSamples = 0;

  function enoughData(): boolean {
    return usedSamples > 0 && usedBytes >= minTotalBytes;
  }

  return {
    addSample(bytes, durationMs, nowMs) {
      if (!(bytes > 0) || !(durationMs >= 0) || !Number.isFinite(bytes + durationMs + nowMs)) {
        invalidSamples++;
        return 'invalid';
      }
      if (pendingBytes === 0 && bytes >= minSampleBytes && durationMs < cacheDurationMs) {
        cacheSamples++;
        cacheBytes += bytes;
        return 'cache';
      }
      pendingBytes += bytes;
      pendingMs += durationMs;
      if (pendingBytes < minSampleBytes || pendingMs < minSampleDurationMs || pendingMs === 0) {
        return 'merged';
      }
      let bitsPerSecond = (pendingBytes * 8000) / pendingMs;
      let cap = maxSampleBps;
      if (enoughData()) {
        const relative = strategy.estimate() * outlierFactor;
        if (relative < cap) cap = relative;
      }
      if (bitsPerSecond > cap) {
        bitsPerSecond = cap;
        cappedSamples++;
      }
      strategy.addSample(bitsPerSecond, pendingBytes, pendingMs, nowMs);
      usedSamples++;
      usedBytes += pendingBytes;
      pendingBytes = 0;
      pendingMs = 0;
      return 'used';
    },
    estimate() {
      if (!enoughData()) return defaultEstimateBps;
      const estimate = strategy.estimate();
      return Number.isFinite(estimate) && estimate >= 0 ? estimate : defaultEstimateBps;
    },
    hasEnoughData: enoughData,
    stats: () => ({
      usedSamples,
      usedBytes,
      cacheSamples,
      cacheBytes,
      invalidSamples,
      cappedSamples,
    }),
    reset() {
      strategy.reset();
      pendingBytes = 0;
      pendingMs = 0;
      usedSamples = 0;
      usedBytes = 0;
      cacheSamples = 0;
      cacheBytes = 0;
      invalidSamples = 0;
      cappedSamples = 0;
    },
  };
}

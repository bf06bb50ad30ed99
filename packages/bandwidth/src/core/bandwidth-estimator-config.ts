import type { DualEwmaConfig } from './dual-ewma.js';
import type { SlidingPercentileConfig } from './sliding-percentile.js';

/** Which averaging strategy the estimator uses, with its options. */
export type EstimatorStrategyConfig =
  | ({ readonly kind: 'dual-ewma' } & DualEwmaConfig)
  | ({ readonly kind: 'sliding-percentile' } & SlidingPercentileConfig);

/** Options of {@link createBandwidthEstimator}. Every field is optional. */
export interface BandwidthEstimatorConfig {
  /** The averaging strategy. @default `{ kind: 'dual-ewma', fastHalfLifeS: 2, slowHalfLifeS: 3 }` */
  readonly strategy?: EstimatorStrategyConfig;
  /** Estimate reported until `minTotalBytes` were measured, in bits per second. @default 1_000_000 */
  readonly defaultEstimateBps?: number;
  /**
   * Network bytes measured before the strategy's estimate replaces the default. One sample's
   * worth (`minSampleBytes`), so the first segment of a low-rung start already moves the
   * estimate (shaka-player waits for 128 kB; tuned on the QoE bench's tuning set). @default 16_000
   */
  readonly minTotalBytes?: number;
  /**
   * Smallest sample taken on its own, in bytes. Smaller samples (progress events of a few KB) are
   * merged with the following ones until the merged sample reaches this floor and
   * `minSampleDurationMs`. @default 16_000
   */
  readonly minSampleBytes?: number;
  /** Smallest sample duration taken on its own, in ms; shorter ones are merged. @default 10 */
  readonly minSampleDurationMs?: number;
  /**
   * A sample of at least `minSampleBytes` that took less than this is a cache hit (memory or disk
   * cache, service worker): it is counted apart and never moves the estimate. @default 1
   */
  readonly cacheDurationMs?: number;
  /** Absolute cap of one sample's throughput, in bits per second. @default 10_000_000_000 */
  readonly maxSampleBps?: number;
  /**
   * Once the estimate is established, one sample counts for at most this multiple of it
   * (bursts are capped, not dropped, so a real rise is still followed). @default 8
   */
  readonly outlierFactor?: number;
}

/** What {@link BandwidthEstimator.addSample} did with a sample. */
export const SampleDisposition = {
  /** Fed to the strategy (possibly merged with earlier small samples, possibly capped). */
  Used: 'used',
  /** Below the byte or duration floor: held and merged with the next samples. */
  Merged: 'merged',
  /** Faster than `cacheDurationMs`: counted as a cache hit, not measured. */
  Cache: 'cache',
  /** Not a sample: negative, non-finite or zero bytes or duration. */
  Invalid: 'invalid',
} as const;
/** What {@link BandwidthEstimator.addSample} did with a sample. */
export type SampleDisposition = (typeof SampleDisposition)[keyof typeof SampleDisposition];

/** Counters of what the estimator saw since the last reset. */
export interface BandwidthEstimatorStats {
  /** Samples fed to the strategy. */
  readonly usedSamples: number;
  /** Bytes fed to the strategy. */
  readonly usedBytes: number;
  /** Cache-hit samples seen. */
  readonly cacheSamples: number;
  /** Bytes of cache-hit samples. */
  readonly cacheBytes: number;
  /** Samples rejected as invalid. */
  readonly invalidSamples: number;
  /** Samples whose throughput was capped as an outlier. */
  readonly cappedSamples: number;
}

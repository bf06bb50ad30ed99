import { LegatoError } from '@legato/errors';
import { checkRange } from '../_internal/check-range.js';
import type {
  BandwidthEstimatorConfig,
  BandwidthEstimatorStats,
  EstimatorStrategyConfig,
  SampleDisposition,
} from './bandwidth-estimator-config.js';
import { createDualEwma } from './dual-ewma.js';
import { createSlidingPercentile } from './sliding-percentile.js';
import {
  SAMPLE_RECORD_LENGTH,
  SampleSlot,
  type ThroughputStrategy,
} from './throughput-strategy.js';

const PENDING_BYTES = 0;
const PENDING_MS = 1;
const USED_BYTES = 2;
const CACHE_BYTES = 3;
const STRATEGY_ESTIMATE = 4;
const ESTIMATE = 5;
const UPPER_ESTIMATE = 6;
// Slots of the incoming-sample array.
const IN_BYTES = 0;
const IN_DURATION_MS = 1;
const IN_NOW_MS = 2;

/** A throughput estimator fed with download samples; see {@link createBandwidthEstimator}. */
export interface BandwidthEstimator {
  /**
   * Adds `bytes` received over `durationMs`, measured at `nowMs` (any monotonic clock). O(1) for
   * the dual EWMA, O(capacity) memory moves at worst for the sliding percentile; allocates
   * nothing (state and the sample record are typed arrays sized at creation).
   */
  addSample(bytes: number, durationMs: number, nowMs: number): SampleDisposition;
  /** The current estimate in bits per second: the default until enough bytes were measured. */
  estimate(): number;
  /**
   * The less conservative reading, bits per second, never under `estimate()`: with the dual
   * EWMA the higher of its two averages (after a rise, the fast one; after a drop, the slow
   * one), which a full buffer can afford to follow (`@legato/abr`'s `upperEstimateBps`); the
   * estimate itself for the sliding percentile and until enough bytes were measured.
   */
  upperEstimate(): number;
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
 * estimator.estimate(); // 500_000 until 16 kB were measured
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
  const minTotalBytes = checkRange('minTotalBytes', config.minTotalBytes ?? 16_000, 0, Infinity);
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
  const strategy = createStrategy(config.strategy ?? { kind: 'dual-ewma' });

  // Running doubles live in a typed array: V8 boxes doubles stored in closure variables.
  const f = new Float64Array(7);
  const sample = new Float64Array(SAMPLE_RECORD_LENGTH);
  const incoming = new Float64Array(3);
  f[ESTIMATE] = defaultEstimateBps;
  let usedSamples = 0;
  let cacheSamples = 0;
  let invalidSamples = 0;
  let cappedSamples = 0;

  /**
   * Filters the sample in `incoming`: invalid, cache hit, merged, or fed to the strategy. One
   * function on purpose: it is too large for V8 to inline, so `addSample`'s own optimized code
   * stays small — V8 refuses to inline a callee whose optimized code already inlined a lot, and
   * `addSample` must be inlined into callers for its double arguments not to be boxed.
   */
  function ingest(): SampleDisposition {
    const bytes = incoming[IN_BYTES]!;
    const durationMs = incoming[IN_DURATION_MS]!;
    const nowMs = incoming[IN_NOW_MS]!;
    if (!(bytes > 0) || !(durationMs >= 0) || !Number.isFinite(bytes + durationMs + nowMs)) {
      invalidSamples++;
      return 'invalid';
    }
    if (f[PENDING_BYTES] === 0 && bytes >= minSampleBytes && durationMs < cacheDurationMs) {
      cacheSamples++;
      f[CACHE_BYTES] = f[CACHE_BYTES]! + bytes;
      return 'cache';
    }
    f[PENDING_BYTES] = f[PENDING_BYTES]! + bytes;
    f[PENDING_MS] = f[PENDING_MS]! + durationMs;
    sample[SampleSlot.NowMs] = nowMs;
    if (
      f[PENDING_BYTES]! < minSampleBytes ||
      !(f[PENDING_MS]! >= minSampleDurationMs) ||
      f[PENDING_MS] === 0
    ) {
      return 'merged';
    }
    // The pending (merged) sample goes to the strategy, capped as an outlier if need be.
    let bitsPerSecond = (f[PENDING_BYTES]! * 8000) / f[PENDING_MS]!;
    let cap = maxSampleBps;
    if (enoughData()) {
      // The strategy's estimate as of the last used sample (refreshEstimate wrote it, and the
      // strategy has not changed since): no need to ask the strategy again.
      const relative = f[STRATEGY_ESTIMATE]! * outlierFactor;
      if (relative < cap) cap = relative;
    }
    if (bitsPerSecond > cap) {
      bitsPerSecond = cap;
      cappedSamples++;
    }
    sample[SampleSlot.BitsPerSecond] = bitsPerSecond;
    sample[SampleSlot.Bytes] = f[PENDING_BYTES]!;
    sample[SampleSlot.DurationMs] = f[PENDING_MS]!;
    strategy.addSample(sample);
    usedSamples++;
    f[USED_BYTES] = f[USED_BYTES]! + f[PENDING_BYTES]!;
    f[PENDING_BYTES] = 0;
    f[PENDING_MS] = 0;
    refreshEstimate();
    return 'used';
  }

  /** Writes the current estimate (default until enough data) to `f[ESTIMATE]`. */
  function refreshEstimate(): void {
    if (!enoughData()) {
      f[ESTIMATE] = defaultEstimateBps;
      return;
    }
    // Also read by the next sample's outlier cap.
    strategy.estimateInto(f, STRATEGY_ESTIMATE);
    const estimate = f[STRATEGY_ESTIMATE]!;
    f[ESTIMATE] = Number.isFinite(estimate) && estimate >= 0 ? estimate : defaultEstimateBps;
  }

  /**
   * Writes the upper reading to `f[UPPER_ESTIMATE]`, asked of the strategy when read (once per
   * decision), not for every sample.
   */
  function refreshUpperEstimate(): void {
    if (enoughData() && strategy.upperEstimateInto) strategy.upperEstimateInto(f, UPPER_ESTIMATE);
    else f[UPPER_ESTIMATE] = f[ESTIMATE]!;
    // A NaN or lower reading falls back to the estimate.
    if (!(f[UPPER_ESTIMATE]! >= f[ESTIMATE]!) || !Number.isFinite(f[UPPER_ESTIMATE]!)) {
      f[UPPER_ESTIMATE] = f[ESTIMATE]!;
    }
  }

  function enoughData(): boolean {
    return usedSamples > 0 && f[USED_BYTES]! >= minTotalBytes;
  }

  return {
    // Two stores and a call without numbers: small enough for the JIT to inline into the
    // caller's loop, so the double arguments are never boxed (V8 allocates a heap number for a
    // double passed to a call it does not inline).
    addSample(bytes, durationMs, nowMs) {
      incoming[IN_BYTES] = bytes;
      incoming[IN_DURATION_MS] = durationMs;
      incoming[IN_NOW_MS] = nowMs;
      return ingest();
    },
    // A load: the estimate is kept current by every used sample (and reset), so a caller's
    // read never runs the strategy and never spends the JIT's inlining budget on it.
    estimate() {
      return f[ESTIMATE]!;
    },
    upperEstimate() {
      refreshUpperEstimate();
      return f[UPPER_ESTIMATE]!;
    },
    hasEnoughData: enoughData,
    stats: () => ({
      usedSamples,
      usedBytes: f[USED_BYTES]!,
      cacheSamples,
      cacheBytes: f[CACHE_BYTES]!,
      invalidSamples,
      cappedSamples,
    }),
    reset() {
      strategy.reset();
      f[PENDING_BYTES] = 0;
      f[PENDING_MS] = 0;
      usedSamples = 0;
      f[USED_BYTES] = 0;
      cacheSamples = 0;
      f[CACHE_BYTES] = 0;
      invalidSamples = 0;
      cappedSamples = 0;
      refreshEstimate();
    },
  };
}

function createStrategy(config: EstimatorStrategyConfig): ThroughputStrategy {
  if (config.kind === 'dual-ewma') return createDualEwma(config);
  if (config.kind === 'sliding-percentile') return createSlidingPercentile(config);
  const kind = String((config as { kind?: unknown }).kind);
  throw new LegatoError(
    'BANDWIDTH_INVALID_CONFIG',
    `bandwidth option strategy.kind: expected 'dual-ewma' or 'sliding-percentile', received ${kind}`,
    { details: { option: 'strategy.kind', received: kind } },
  );
}

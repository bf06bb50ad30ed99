import type { SimBandwidthMeter } from '@legato/sim';

/** Options of {@link createDualEwmaMeter}. */
export interface DualEwmaMeterOptions {
  /** Fast half-life, s of download time. */
  readonly fastHalfLifeS: number;
  /** Slow half-life, s of download time. */
  readonly slowHalfLifeS: number;
  /** Estimate until `minTotalBytes` were measured, bits per second. */
  readonly defaultEstimateBps: number;
  /** Bytes measured before the averages are trusted. */
  readonly minTotalBytes: number;
  /** Samples smaller than this are ignored, bytes. */
  readonly minSampleBytes: number;
}

/**
 * The dual EWMA meter of shaka-player and dash.js: two bias-corrected exponential averages of
 * sample throughput, weighted by download time, reporting the smaller (conservative) one.
 */
export function createDualEwmaMeter(o: DualEwmaMeterOptions): SimBandwidthMeter {
  const fast = ewma(o.fastHalfLifeS);
  const slow = ewma(o.slowHalfLifeS);
  let totalBytes = 0;
  return {
    addSample(bytes, durationMs) {
      if (bytes < o.minSampleBytes || !(durationMs > 0)) return;
      const bps = (bytes * 8000) / durationMs;
      fast.add(durationMs / 1000, bps);
      slow.add(durationMs / 1000, bps);
      totalBytes += bytes;
    },
    estimate() {
      if (totalBytes < o.minTotalBytes) return o.defaultEstimateBps;
      return Math.min(fast.value(), slow.value());
    },
  };
}

function ewma(halfLifeS: number) {
  const alphaPerS = Math.log(0.5) / halfLifeS;
  let estimate = 0;
  let totalWeight = 0;
  return {
    add(weightS: number, value: number) {
      const adj = Math.exp(alphaPerS * weightS);
      estimate = value * (1 - adj) + adj * estimate;
      totalWeight += weightS;
    },
    value: () => estimate / (1 - Math.exp(alphaPerS * totalWeight)),
  };
}

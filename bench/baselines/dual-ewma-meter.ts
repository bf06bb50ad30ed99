import type { SimBandwidthMeter } from '@legato/sim';

/** Options of {@link createDualEwmaMeter}. */
export interface DualEwmaMeterOptions {
  /** Fast half-life, in weight units (see `weightPerMs`). */
  readonly fastHalfLife: number;
  /** Slow half-life, in weight units. */
  readonly slowHalfLife: number;
  /** A sample's weight per ms of its download time. @default 0.001 (weight = seconds) */
  readonly weightPerMs?: number;
  /** Estimate until `minTotalBytes` were measured, bits per second. */
  readonly defaultEstimateBps: number;
  /** Bytes measured before the averages are trusted. */
  readonly minTotalBytes: number;
  /** Samples smaller than this are ignored, bytes. */
  readonly minSampleBytes: number;
  /** Leave the time to first byte out of each sample (dash.js `useDeadTimeLatency`). @default false */
  readonly excludeLatency?: boolean;
}

/** A dual-EWMA meter that also says how many bytes it has measured. */
export interface DualEwmaMeter extends SimBandwidthMeter {
  /** Bytes measured so far (samples at or above the byte floor). */
  bytesSampled(): number;
  /** The bias-corrected min of both averages; NaN before any sample. */
  average(): number;
}

/**
 * The dual EWMA meter of shaka-player and dash.js: two bias-corrected exponential averages of
 * sample throughput, each sample weighted by its download time, reporting the smaller one.
 */
export function createDualEwmaMeter(o: DualEwmaMeterOptions): DualEwmaMeter {
  const weightPerMs = o.weightPerMs ?? 0.001;
  const fast = ewma(o.fastHalfLife);
  const slow = ewma(o.slowHalfLife);
  let totalBytes = 0;
  const average = () => (fast.total() > 0 ? Math.min(fast.value(), slow.value()) : Number.NaN);
  return {
    addSample(bytes, durationMs, _nowMs, firstByteMs = 0) {
      const ms = o.excludeLatency ? durationMs - firstByteMs : durationMs;
      if (bytes < o.minSampleBytes || !(ms > 0)) return;
      const bps = (bytes * 8000) / ms;
      fast.add(ms * weightPerMs, bps);
      slow.add(ms * weightPerMs, bps);
      totalBytes += bytes;
    },
    estimate() {
      if (totalBytes < o.minTotalBytes || totalBytes === 0) return o.defaultEstimateBps;
      return average();
    },
    bytesSampled: () => totalBytes,
    average,
  };
}

function ewma(halfLife: number) {
  let estimate = 0;
  let totalWeight = 0;
  return {
    add(weight: number, value: number) {
      const alpha = 0.5 ** (weight / halfLife);
      estimate = value * (1 - alpha) + alpha * estimate;
      totalWeight += weight;
    },
    value: () => estimate / (1 - 0.5 ** (totalWeight / halfLife)),
    total: () => totalWeight,
  };
}

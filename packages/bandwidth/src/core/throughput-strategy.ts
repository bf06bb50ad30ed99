/**
 * Slots of the sample record handed to a {@link ThroughputStrategy}: one preallocated
 * `Float64Array`, rewritten for every sample. Numbers travel through it rather than as
 * arguments because V8 boxes a double passed to (or returned from) a call it does not inline:
 * a typed-array slot is how a hot path stays allocation-free.
 */
export const SampleSlot = {
  /** Measured throughput, bits per second. */
  BitsPerSecond: 0,
  /** Bytes of the sample. */
  Bytes: 1,
  /** Duration of the sample, ms. */
  DurationMs: 2,
  /** Time of the sample on the caller's monotonic clock, ms. */
  NowMs: 3,
} as const;
/** Slots of the sample record handed to a {@link ThroughputStrategy}. */
export type SampleSlot = (typeof SampleSlot)[keyof typeof SampleSlot];

/** Length of a sample record (see {@link SampleSlot}). */
export const SAMPLE_RECORD_LENGTH = 4;

/**
 * One throughput-averaging strategy behind `createBandwidthEstimator`: it receives
 * already-filtered samples and keeps preallocated state (no allocation per sample).
 */
export interface ThroughputStrategy {
  /** Adds the sample held in `sample` (see {@link SampleSlot}). */
  addSample(sample: Float64Array): void;
  /** Writes the current estimate (bits per second; `NaN` before any sample) to `out[index]`. */
  estimateInto(out: Float64Array, index: number): void;
  /**
   * Writes the less conservative reading (bits per second, at least the estimate; `NaN` before
   * any sample) to `out[index]`: the dual EWMA's higher average. Optional: a strategy with one
   * reading leaves it out, and the estimate stands for it.
   */
  upperEstimateInto?(out: Float64Array, index: number): void;
  /** Forgets every sample. */
  reset(): void;
}

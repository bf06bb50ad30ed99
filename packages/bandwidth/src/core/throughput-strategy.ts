/**
 * One throughput-averaging strategy behind {@link createBandwidthEstimator}: it receives
 * already-filtered samples and keeps preallocated state (no allocation per sample).
 */
export interface ThroughputStrategy {
  /** Adds one sample: `bitsPerSecond` measured over `durationMs` for `bytes`, at `nowMs`. */
  addSample(bitsPerSecond: number, bytes: number, durationMs: number, nowMs: number): void;
  /** The current estimate in bits per second; `NaN` before the first sample. */
  estimate(): number;
  /** Forgets every sample. */
  reset(): void;
}

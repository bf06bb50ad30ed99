export { type BandwidthEstimator, createBandwidthEstimator } from './core/bandwidth-estimator.js';
export {
  type BandwidthEstimatorConfig,
  type BandwidthEstimatorStats,
  type EstimatorStrategyConfig,
  SampleDisposition,
} from './core/bandwidth-estimator-config.js';
export { createDualEwma, type DualEwmaConfig } from './core/dual-ewma.js';
export {
  createSlidingPercentile,
  type SampleWeight,
  type SlidingPercentileConfig,
} from './core/sliding-percentile.js';
export {
  SAMPLE_RECORD_LENGTH,
  SampleSlot,
  type ThroughputStrategy,
} from './core/throughput-strategy.js';
export {
  type EstimateBandwidthOptions,
  estimateBandwidth,
  type ProgressSample,
} from './rx/estimate-bandwidth.js';

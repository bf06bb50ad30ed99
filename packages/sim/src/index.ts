export { bytesDeliverable, deliveryEndMs } from './core/bytes-deliverable.js';
export { ENGINE_SIM_DEFAULTS } from './core/engine-defaults.js';
export {
  MAHIMAHI_PACKET_BYTES,
  type ParseMahimahiTraceOptions,
  parseMahimahiTrace,
} from './core/parse-mahimahi-trace.js';
export { type ParsePensieveTraceOptions, parsePensieveTrace } from './core/parse-pensieve-trace.js';
export {
  type ParseSabreManifestOptions,
  parseSabreManifest,
} from './core/parse-sabre-manifest.js';
export { type ParseSabreTraceOptions, parseSabreTrace } from './core/parse-sabre-trace.js';
export {
  detectTraceFormat,
  type ParseTraceOptions,
  parseTrace,
  TraceFormat,
} from './core/parse-trace.js';
export { createSeededRng, type Rng } from './core/seeded-rng.js';
export type {
  SimAbrInput,
  SimAbrPolicy,
  SimBandwidthMeter,
  SimDownloadProgress,
  SimPolicy,
} from './core/sim-policy.js';
export type { SimResult, SimSegmentLog } from './core/sim-result.js';
export {
  createSimTrack,
  MAX_SIM_SEGMENTS,
  type SimRung,
  type SimRungInput,
  type SimTrack,
  type SimTrackFromBitratesOptions,
  simTrackFromBitrates,
} from './core/sim-track.js';
export { type SimulateOptions, simulate } from './core/simulate.js';
export {
  SyntheticTraceClass,
  type SyntheticTraceOptions,
  syntheticTrace,
  syntheticTraceClasses,
} from './core/synthetic-trace.js';
export { latencyAt, throughputAt } from './core/throughput-at.js';
export {
  type TimeToFirstAudioFloorOptions,
  timeToFirstAudioFloorS,
} from './core/time-to-first-audio-floor.js';
export {
  type CreateTraceOptions,
  createTrace,
  MAX_TRACE_STEPS,
  type Trace,
  TraceEnd,
  type TraceStep,
} from './core/trace.js';
export { createLegatoSimPolicy, type LegatoSimPolicyOptions } from './legato-policy.js';

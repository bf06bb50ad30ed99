export { chooseRung, type RungInput, type RungPolicy } from './core/choose-rung.js';
export {
  type DeviceCapabilities,
  type LadderRung,
  type Preferences,
  planTrack,
  type QualityClass,
  type TrackPlan,
} from './core/plan-track.js';
export { createEngine } from './create-engine.js';
export type {
  Engine,
  EngineDrmOptions,
  EngineEvent,
  EngineOptions,
  EnginePorts,
  EngineState,
  EngineStatus,
  EngineTrack,
  PlaybackReport,
} from './engine-types.js';

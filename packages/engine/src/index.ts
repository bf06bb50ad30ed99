export { planTrack, type TrackPlan, type TrackRung } from './core/plan-track.js';
export { createEngine } from './create-engine.js';
export type {
  Engine,
  EngineAudioObjectOptions,
  EngineDrmOptions,
  EngineEvent,
  EngineOptions,
  EnginePorts,
  EngineState,
  EngineStatus,
  EngineTrack,
  PlaybackReport,
} from './engine-types.js';

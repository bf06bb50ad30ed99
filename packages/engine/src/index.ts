export { planTrack, type TrackPlan, type TrackRung } from './core/plan-track.js';
export {
  initialWatchdogState,
  type WatchdogConfig,
  type WatchdogEffect,
  type WatchdogObservation,
  type WatchdogPhase,
  type WatchdogProgressKind,
  type WatchdogRecovery,
  type WatchdogState,
  type WatchdogStep,
  type WatchedPhase,
  watchdogStep,
} from './core/watchdog.js';
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
  EngineWatchdogOptions,
  PlaybackReport,
} from './engine-types.js';

export type { AbandonInput } from './core/abandon-input.js';
export {
  AbrAlgorithm,
  type AbrConfig,
  type AbrExplanation,
  type AbrInput,
  AbrReason,
  AbrStartupRule,
  DEFAULT_ABR_CONFIG,
} from './core/abr-config.js';
export { type AbrController, createAbrController } from './core/abr-controller.js';
export type { AdaptationSetLike, RepresentationLike } from './core/adaptation-set-like.js';
export { buildLadder } from './core/build-ladder.js';
export { type Ladder, type LadderRung, TrackType } from './core/ladder.js';
export type { DeviceCapabilities, LadderCaps, UserPreferences } from './core/ladder-caps.js';
export { ladderFromBitrates } from './core/ladder-from-bitrates.js';
export { abrDecisions } from './rx/abr-decisions.js';

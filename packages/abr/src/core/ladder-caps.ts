import type { RepresentationLike } from './adaptation-set-like.js';
import type { TrackType } from './ladder.js';

/** What the device can decode and output. Every field is optional (no limit). */
export interface DeviceCapabilities {
  /** Highest quality class: SD < HD < UHD < 3D. @default '3D' (everything) */
  readonly maxTrackType?: TrackType;
  /** Highest sampling rate, Hz. @default Infinity */
  readonly maxSampleRateHz?: number;
  /** Highest bit depth. @default Infinity */
  readonly maxBitDepth?: number;
  /** Most output channels. @default Infinity */
  readonly maxChannels?: number;
  /**
   * Codecs the device decodes, compared case-insensitively with each representation's `codecs`
   * either whole (`mp4a.40.2`) or by family before the first dot (`mp4a`). @default all
   */
  readonly supportedCodecs?: readonly string[];
  /** Final say per representation, e.g. `MediaSource.isTypeSupported`. @default accept all */
  readonly isSupported?: (representation: RepresentationLike) => boolean;
}

/** What the listener chose in the app's settings. */
export interface UserPreferences {
  /** Data saver: SD (lossy) rungs only. @default false */
  readonly dataSaver?: boolean;
  /**
   * Lossless when possible: keep lossless rungs so the controller climbs to them whenever the
   * network allows; `false` drops them (lossy only). @default true
   */
  readonly losslessWhenPossible?: boolean;
}

/** Caps applied by `buildLadder`, from the device, the listener and the integrator. */
export interface LadderCaps {
  /** Device capability caps. @default no limit */
  readonly device?: DeviceCapabilities;
  /** Listener preferences. @default `{ dataSaver: false, losslessWhenPossible: true }` */
  readonly preferences?: UserPreferences;
  /** Integrator floor: rungs below this are dropped, bits per second. @default 0 */
  readonly minBitsPerSecond?: number;
  /** Integrator ceiling: rungs above this are dropped, bits per second. @default Infinity */
  readonly maxBitsPerSecond?: number;
  /**
   * Which switching group to use when the manifest has several (e.g. stereo Opus/FLAC and a
   * spatial ec-3 set): the group containing this adaptation set. @default the group of the
   * usable set with the highest `selectionPriority` (the first on ties)
   */
  readonly adaptationSetId?: string;
}

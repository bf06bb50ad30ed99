import type { CdmSessionType } from '@legato/drm';

/** EME key system strings legato knows defaults for. */
export const KeySystems = {
  widevine: 'com.widevine.alpha',
  clearKey: 'org.w3.clearkey',
} as const;

/** The audio content types legato probes and requests by default (Amazon Music codecs). */
export const DEFAULT_AUDIO_CONTENT_TYPES: readonly string[] = [
  'audio/mp4; codecs="opus"',
  'audio/mp4; codecs="flac"',
  'audio/mp4; codecs="ec-3"',
  'audio/mp4; codecs="mha1"',
];

/** Widevine audio robustness levels, most secure first (EME Widevine robustness strings). */
export const WIDEVINE_AUDIO_ROBUSTNESS: readonly string[] = [
  'HW_SECURE_ALL',
  'HW_SECURE_DECODE',
  'HW_SECURE_CRYPTO',
  'SW_SECURE_DECODE',
  'SW_SECURE_CRYPTO',
];

/** What to ask `requestMediaKeySystemAccess` for. */
export interface KeySystemRequest {
  readonly keySystem: string;
  /** Audio content types, e.g. `audio/mp4; codecs="flac"`. */
  readonly audioContentTypes: readonly string[];
  /** Robustness levels in order of preference; `''` means "no requirement" (ClearKey). */
  readonly audioRobustness: readonly string[];
  readonly sessionTypes: readonly CdmSessionType[];
  readonly persistentState: MediaKeysRequirement;
  readonly distinctiveIdentifier: MediaKeysRequirement;
  /** @default ['cenc', 'keyids'] */
  readonly initDataTypes?: readonly string[];
}

/** The default audio robustness preference for a key system: SW_SECURE_CRYPTO for Widevine, none otherwise. */
export function defaultAudioRobustness(keySystem: string): readonly string[] {
  return keySystem === KeySystems.widevine ? ['SW_SECURE_CRYPTO'] : [''];
}

/**
 * One `MediaKeySystemConfiguration` per robustness level, in preference order: EME grants the
 * first configuration it can satisfy, so the most preferred supported level wins. Each lists
 * every content type; unsupported ones are dropped by the browser from the granted config.
 *
 * @example
 * ```ts
 * const configs = buildKeySystemConfigurations({ keySystem: 'com.widevine.alpha', audioRobustness: ['HW_SECURE_ALL', 'SW_SECURE_CRYPTO'], … });
 * const access = await navigator.requestMediaKeySystemAccess('com.widevine.alpha', configs);
 * ```
 */
export function buildKeySystemConfigurations(
  request: KeySystemRequest,
): MediaKeySystemConfiguration[] {
  const levels = request.audioRobustness.length > 0 ? request.audioRobustness : [''];
  return levels.map((robustness) => ({
    label: robustness === '' ? 'default' : robustness,
    initDataTypes: [...(request.initDataTypes ?? ['cenc', 'keyids'])],
    audioCapabilities: request.audioContentTypes.map((contentType) => ({
      contentType,
      robustness,
    })),
    videoCapabilities: [],
    persistentState: request.persistentState,
    distinctiveIdentifier: request.distinctiveIdentifier,
    sessionTypes: [...request.sessionTypes],
  }));
}

/** What a granted configuration says about the chosen robustness and supported types. */
export interface GrantedConfiguration {
  /** The robustness of the granted audio capabilities (`''` when none was required). */
  readonly audioRobustness: string;
  /** The content types the browser kept, in request order. */
  readonly audioContentTypes: readonly string[];
  readonly sessionTypes: readonly string[];
}

/** Reads the chosen robustness and the supported content types from `MediaKeySystemAccess.getConfiguration()`. */
export function readGrantedConfiguration(
  config: MediaKeySystemConfiguration,
): GrantedConfiguration {
  const caps = config.audioCapabilities ?? [];
  return {
    audioRobustness: caps[0]?.robustness ?? '',
    audioContentTypes: caps.map((c) => c.contentType ?? '').filter((t) => t !== ''),
    sessionTypes: [...(config.sessionTypes ?? [])],
  };
}

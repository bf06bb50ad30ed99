import {
  DEFAULT_AUDIO_CONTENT_TYPES,
  defaultAudioRobustness,
} from '../core/key-system-configurations.js';
import type { EmeNavigator } from './eme-cdm.js';

/** One robustness × content type combination and whether the browser grants it. */
export interface EmeCapability {
  readonly robustness: string;
  readonly contentType: string;
  readonly supported: boolean;
}

/** Options of {@link probeEmeCapabilities}. */
export interface ProbeEmeCapabilitiesOptions {
  readonly keySystem: string;
  /** @default opus, flac, ec-3, mha1 in `audio/mp4` */
  readonly audioContentTypes?: readonly string[];
  /** Levels to probe. @default the key system's default preference */
  readonly audioRobustness?: readonly string[];
  /** @default globalThis.navigator */
  readonly navigator?: EmeNavigator;
}

/**
 * Asks the browser, one `requestMediaKeySystemAccess` per combination, which robustness levels
 * and codecs it really supports for the key system (an absent key system gives all false).
 *
 * @example
 * ```ts
 * const caps = await probeEmeCapabilities({ keySystem: 'com.widevine.alpha', audioRobustness: WIDEVINE_AUDIO_ROBUSTNESS });
 * caps.filter((c) => c.supported); // e.g. SW_SECURE_CRYPTO × opus, flac
 * ```
 */
export async function probeEmeCapabilities(
  options: ProbeEmeCapabilitiesOptions,
): Promise<EmeCapability[]> {
  const nav = options.navigator ?? (globalThis.navigator as EmeNavigator | undefined);
  const types = options.audioContentTypes ?? DEFAULT_AUDIO_CONTENT_TYPES;
  const levels = options.audioRobustness ?? defaultAudioRobustness(options.keySystem);
  const out: EmeCapability[] = [];
  for (const robustness of levels) {
    for (const contentType of types) {
      let supported = false;
      if (nav && typeof nav.requestMediaKeySystemAccess === 'function') {
        try {
          await nav.requestMediaKeySystemAccess(options.keySystem, [
            {
              initDataTypes: ['cenc'],
              audioCapabilities: [{ contentType, robustness }],
              videoCapabilities: [],
            },
          ]);
          supported = true;
        } catch {
          supported = false;
        }
      }
      out.push({ robustness, contentType, supported });
    }
  }
  return out;
}

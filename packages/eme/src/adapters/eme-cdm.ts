import type { CdmPort, CdmSessionType, InitData, InitDataType } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { EMPTY, filter, fromEvent, map, type Observable, type SchedulerLike } from 'rxjs';
import { toLegatoError } from '../_internal/to-legato-error.js';
import { describeInitData, isKnownInitData } from '../core/describe-init-data.js';
import {
  buildKeySystemConfigurations,
  DEFAULT_AUDIO_CONTENT_TYPES,
  defaultAudioRobustness,
  type GrantedConfiguration,
  readGrantedConfiguration,
} from '../core/key-system-configurations.js';
import { EmeSession } from './eme-session.js';

/** The part of `navigator` the EME adapter uses (inject a fake in tests). */
export interface EmeNavigator {
  requestMediaKeySystemAccess(
    keySystem: string,
    configs: MediaKeySystemConfiguration[],
  ): Promise<MediaKeySystemAccess>;
}

/** Options of {@link emeCdm}. */
export interface EmeCdmOptions {
  /** `com.widevine.alpha`, `org.w3.clearkey`, or another EME key system. */
  readonly keySystem: string;
  /** Audio robustness in order of preference. @default ['SW_SECURE_CRYPTO'] for Widevine ('HW_SECURE_ALL' first for L1), [''] otherwise */
  readonly audioRobustness?: readonly string[];
  /** Content types to request. @default opus, flac, ec-3, mha1 in `audio/mp4` */
  readonly audioContentTypes?: readonly string[];
  /** Widevine service certificate (privacy mode), installed right after MediaKeys are created. @default none */
  readonly serverCertificate?: Uint8Array;
  /** @default 'optional' ('required' when `sessionType` is persistent) */
  readonly persistentState?: MediaKeysRequirement;
  /** @default 'optional' */
  readonly distinctiveIdentifier?: MediaKeysRequirement;
  /** Session type requested in the configuration and used by `createSession()` without argument. @default 'temporary' */
  readonly sessionType?: CdmSessionType;
  /** Element that gets the MediaKeys (`setMediaKeys`) and whose `encrypted` events are watched. @default none (MediaKeys are created but not attached; `encrypted$` is empty) */
  readonly mediaElement?: HTMLMediaElement;
  /** @default globalThis.navigator */
  readonly navigator?: EmeNavigator;
  /** Scheduler for key-status batching and expiration polling. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** @default 10 */
  readonly keyStatusBatchMs?: number;
  /** @default 1000 */
  readonly expirationPollMs?: number;
}

/** What the browser granted. */
export interface EmeAccessInfo extends GrantedConfiguration {
  readonly keySystem: string;
}

/** A `CdmPort` over browser EME, plus the EME-only parts. */
export interface EmeCdm extends CdmPort {
  createSession(type?: CdmSessionType): EmeSession;
  /**
   * Requests access, creates MediaKeys, installs the server certificate and attaches the keys
   * to the media element. Call (and await) before the first `appendBuffer`: Chrome fails on
   * encrypted data appended after clear data without MediaKeys. Memoized.
   */
  ready(): Promise<EmeAccessInfo>;
  /** Records init data already known (from the MPD) so matching `encrypted` events are dropped. */
  addKnownInitData(initDataType: InitDataType, initData: Uint8Array): void;
  /** The media element's `encrypted` events that bring init data not already known. */
  readonly encrypted$: Observable<InitData>;
  /** Detaches MediaKeys from the element (`setMediaKeys(null)`); sessions should be closed first. */
  dispose(): Promise<void>;
}

/**
 * The EME adapter: implements `CdmPort` over `navigator.requestMediaKeySystemAccess`, one
 * configuration per robustness level in preference order.
 *
 * @example
 * ```ts
 * const cdm = emeCdm({ keySystem: 'com.widevine.alpha', audioRobustness: ['HW_SECURE_ALL', 'SW_SECURE_CRYPTO'], mediaElement: audio });
 * await cdm.ready(); // before the first append
 * ```
 */
export function emeCdm(options: EmeCdmOptions): EmeCdm {
  const { keySystem } = options;
  const sessionType = options.sessionType ?? 'temporary';
  const knownFingerprints = new Set<string>();
  const knownKeyIds = new Set<string>();
  let setup: Promise<{ keys: MediaKeys; info: EmeAccessInfo }> | undefined;

  const start = async (): Promise<{ keys: MediaKeys; info: EmeAccessInfo }> => {
    const nav = options.navigator ?? (globalThis.navigator as EmeNavigator | undefined);
    if (!nav || typeof nav.requestMediaKeySystemAccess !== 'function') {
      throw new LegatoError(
        'EME_UNAVAILABLE',
        'expected navigator.requestMediaKeySystemAccess, received none (no EME, or not a secure context)',
      );
    }
    const persistent = sessionType === 'persistent-license';
    const configs = buildKeySystemConfigurations({
      keySystem,
      audioContentTypes: options.audioContentTypes ?? DEFAULT_AUDIO_CONTENT_TYPES,
      audioRobustness: options.audioRobustness ?? defaultAudioRobustness(keySystem),
      sessionTypes: persistent ? ['persistent-license'] : ['temporary'],
      persistentState: options.persistentState ?? (persistent ? 'required' : 'optional'),
      distinctiveIdentifier: options.distinctiveIdentifier ?? 'optional',
    });
    let access: MediaKeySystemAccess;
    try {
      access = await nav.requestMediaKeySystemAccess(keySystem, configs);
    } catch (error) {
      throw toLegatoError(
        error,
        'CDM_UNSUPPORTED',
        `requestMediaKeySystemAccess('${keySystem}') with robustness [${configs.map((c) => c.label).join(', ')}]`,
      );
    }
    let keys: MediaKeys;
    try {
      keys = await access.createMediaKeys();
    } catch (error) {
      throw toLegatoError(error, 'EME_MEDIA_KEYS_FAILED', 'createMediaKeys');
    }
    if (options.serverCertificate) await installCertificate(keys, options.serverCertificate);
    if (options.mediaElement) {
      try {
        await options.mediaElement.setMediaKeys(keys);
      } catch (error) {
        throw toLegatoError(error, 'EME_MEDIA_KEYS_FAILED', 'setMediaKeys');
      }
    }
    return {
      keys,
      info: { keySystem: access.keySystem, ...readGrantedConfiguration(access.getConfiguration()) },
    };
  };
  const ensure = () => {
    setup ??= start();
    return setup;
  };

  const element = options.mediaElement;
  const encrypted$: Observable<InitData> = element
    ? fromEvent(element, 'encrypted').pipe(
        map((e) => e as MediaEncryptedEvent),
        filter((e) => e.initData !== null),
        map((e) => ({
          initDataType: e.initDataType as InitDataType,
          initData: new Uint8Array(e.initData!.slice(0)),
        })),
        filter((d) => {
          const description = describeInitData(d.initDataType, d.initData, keySystem);
          if (isKnownInitData(description, knownFingerprints, knownKeyIds)) return false;
          knownFingerprints.add(description.fingerprint);
          for (const kid of description.keyIds) knownKeyIds.add(kid);
          return true;
        }),
      )
    : EMPTY;

  return {
    keySystem,
    ready: async () => (await ensure()).info,
    createSession(type = sessionType) {
      return new EmeSession(async () => (await ensure()).keys, type, {
        ...(options.scheduler && { scheduler: options.scheduler }),
        ...(options.keyStatusBatchMs !== undefined && {
          keyStatusBatchMs: options.keyStatusBatchMs,
        }),
        ...(options.expirationPollMs !== undefined && {
          expirationPollMs: options.expirationPollMs,
        }),
      });
    },
    async setServerCertificate(certificate) {
      const { keys } = await ensure();
      return installCertificate(keys, certificate);
    },
    addKnownInitData(initDataType, initData) {
      const description = describeInitData(initDataType, initData, keySystem);
      knownFingerprints.add(description.fingerprint);
      for (const kid of description.keyIds) knownKeyIds.add(kid);
    },
    encrypted$,
    async dispose() {
      if (!setup || !element) return;
      await setup.catch(() => undefined);
      try {
        await element.setMediaKeys(null);
      } catch (error) {
        throw toLegatoError(error, 'EME_MEDIA_KEYS_FAILED', 'setMediaKeys(null)');
      }
    },
  };
}

/** `setServerCertificate`: false when the key system has no certificates (ClearKey); a rejection is typed. */
async function installCertificate(keys: MediaKeys, certificate: Uint8Array): Promise<boolean> {
  try {
    return await keys.setServerCertificate(certificate as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw toLegatoError(error, 'EME_SERVER_CERTIFICATE_REJECTED', 'setServerCertificate');
  }
}

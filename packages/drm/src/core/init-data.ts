import type { InitDataType } from '../cdm-port.js';
import { buildKeyIdsInitData } from './key-ids.js';

/** Init data handed to `CdmSession.generateRequest`. */
export interface InitData {
  /** EME init data type. */
  readonly initDataType: InitDataType;
  /** The init data bytes (a pssh box for `cenc`, the JSON for `keyids`). */
  readonly initData: Uint8Array;
}

/** What the DRM layer needs to know about one protected track (from its MPD ContentProtection). */
export interface LicenseTrack {
  /** The track's `cenc:default_KID`s (UUID or hex); `usable` waits for all of them. */
  readonly keyIds: readonly string[];
  /** The Widevine `cenc:pssh` box bytes of the MPD, when present. */
  readonly widevinePssh?: Uint8Array;
  /** Init data chosen by the integrator; overrides the MPD-derived choice. */
  readonly initData?: InitData;
}

/** Widevine's EME key system string. */
export const WIDEVINE_KEY_SYSTEM = 'com.widevine.alpha';

/**
 * Chooses the init data for a track and key system: explicit `initData` first, then the
 * Widevine pssh (Widevine key system only), then `keyids` built from the default_KIDs.
 * Returns `undefined` when the MPD carries none: wait for the media's `encrypted` event.
 */
export function selectInitData(track: LicenseTrack, keySystem: string): InitData | undefined {
  if (track.initData) return track.initData;
  if (track.widevinePssh && keySystem === WIDEVINE_KEY_SYSTEM) {
    return { initDataType: 'cenc', initData: track.widevinePssh };
  }
  if (track.keyIds.length > 0) {
    return { initDataType: 'keyids', initData: buildKeyIdsInitData(track.keyIds) };
  }
  return undefined;
}

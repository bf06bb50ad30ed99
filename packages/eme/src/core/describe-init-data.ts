import type { InitDataType } from '@legato/drm';
import {
  bytesToHex,
  CLEARKEY_SYSTEM_ID,
  COMMON_SYSTEM_ID,
  decodeWidevinePsshData,
  parsePsshBoxes,
  WIDEVINE_SYSTEM_ID,
} from '@legato/isobmff';
import { KeySystems } from './key-system-configurations.js';

/** What identifies a piece of init data for de-duplication. */
export interface InitDataDescription {
  /** Canonical form: the init data type plus the bytes (or key ids) relevant to the key system. */
  readonly fingerprint: string;
  /** Key ids the init data names (pssh v1 KIDs, Widevine `key_id`s, `keyids` JSON), 32-char hex, sorted. */
  readonly keyIds: readonly string[];
}

/** pssh system ids that matter to a key system (null: all of them). */
export function systemIdsFor(keySystem: string): readonly string[] | null {
  if (keySystem === KeySystems.widevine) return [WIDEVINE_SYSTEM_ID];
  if (keySystem === KeySystems.clearKey) return [COMMON_SYSTEM_ID, CLEARKEY_SYSTEM_ID];
  return null;
}

/**
 * Describes init data from the MPD or an `encrypted` event so the same content protection is
 * recognised whatever its container: for `cenc`, only the pssh boxes of the key system count
 * (a PlayReady pssh next to the Widevine one does not make it new). Never throws: init data
 * that cannot be parsed is fingerprinted by its raw bytes.
 */
export function describeInitData(
  initDataType: InitDataType | string,
  initData: Uint8Array,
  keySystem: string,
): InitDataDescription {
  try {
    if (initDataType === 'cenc') return describeCenc(initData, systemIdsFor(keySystem));
    if (initDataType === 'keyids') return describeKeyIds(initData);
    if (initDataType === 'webm') {
      const kid = bytesToHex(initData);
      return { fingerprint: `webm:${kid}`, keyIds: initData.length === 16 ? [kid] : [] };
    }
  } catch {
    // fall through to the raw fingerprint
  }
  return { fingerprint: `${initDataType}:raw:${bytesToHex(initData)}`, keyIds: [] };
}

function describeCenc(
  initData: Uint8Array,
  systems: readonly string[] | null,
): InitDataDescription {
  const boxes = parsePsshBoxes(initData).filter(
    (p) => systems === null || systems.includes(p.systemId),
  );
  const keyIds = new Set<string>();
  for (const p of boxes) {
    for (const kid of p.keyIds) keyIds.add(kid);
    if (p.systemId === WIDEVINE_SYSTEM_ID && p.data.length > 0) {
      for (const kid of decodeWidevinePsshData(p.data).keyIds) keyIds.add(kid);
    }
  }
  const parts = boxes.map((p) => bytesToHex(p.boxBytes)).sort();
  const fingerprint =
    parts.length > 0 ? `cenc:${parts.join(',')}` : `cenc:raw:${bytesToHex(initData)}`;
  return { fingerprint, keyIds: [...keyIds].sort() };
}

function describeKeyIds(initData: Uint8Array): InitDataDescription {
  const json = JSON.parse(new TextDecoder().decode(initData)) as { kids?: unknown };
  if (!Array.isArray(json.kids) || !json.kids.every((k) => typeof k === 'string'))
    throw new Error('not keyids JSON');
  const keyIds = (json.kids as string[]).map((k) => bytesToHex(base64UrlToBytes(k))).sort();
  return { fingerprint: `keyids:${keyIds.join(',')}`, keyIds };
}

function base64UrlToBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Whether init data adds nothing to what is already known: its fingerprint was seen, or it
 * names key ids and all of them are already covered.
 */
export function isKnownInitData(
  description: InitDataDescription,
  knownFingerprints: ReadonlySet<string>,
  knownKeyIds: ReadonlySet<string>,
): boolean {
  if (knownFingerprints.has(description.fingerprint)) return true;
  return description.keyIds.length > 0 && description.keyIds.every((kid) => knownKeyIds.has(kid));
}

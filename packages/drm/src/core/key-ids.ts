import { LegatoError } from '@legato/errors';
import { encodeBase64, hexToBytes } from '@legato/isobmff';

const HEX_32 = /^[0-9a-f]{32}$/;

/**
 * Normalises a key id to legato's form: 32 lower-case hex characters, no dashes.
 * Accepts the MPD `cenc:default_KID` UUID form (`8-4-4-4-12`) and plain hex, any case.
 *
 * @throws LegatoError `INVALID_ARGUMENT` when the value is not 16 bytes of hex.
 */
export function normalizeKeyId(keyId: string): string {
  const hex = keyId.replace(/-/g, '').toLowerCase();
  if (!HEX_32.test(hex)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `keyId: expected 32 hex digits (UUID or plain), received '${keyId.slice(0, 48)}'`,
    );
  }
  return hex;
}

/**
 * Builds W3C `keyids` init data (`{"kids":["<base64url>", …]}`, UTF-8) from key ids.
 * This is what a player passes to `generateRequest('keyids', …)` when the MPD has only
 * `cenc:default_KID` and no pssh.
 */
export function buildKeyIdsInitData(keyIds: readonly string[]): Uint8Array {
  const kids = keyIds.map((kid) => encodeBase64(hexToBytes(normalizeKeyId(kid)), { url: true }));
  return new TextEncoder().encode(JSON.stringify({ kids }));
}

/** Key ids in normalised form, deduplicated and sorted (a stable set key). */
export function normalizeKeyIds(keyIds: readonly string[]): readonly string[] {
  return [...new Set(keyIds.map(normalizeKeyId))].sort();
}

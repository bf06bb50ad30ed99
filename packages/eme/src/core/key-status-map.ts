import { KEY_STATUSES, type KeyStatus } from '@legato/drm';
import { bytesToHex } from '@legato/isobmff';

const KNOWN: ReadonlySet<string> = new Set<KeyStatus>(KEY_STATUSES);

/** Bytes of a `BufferSource` (ArrayBuffer or any view), without copying. */
export function bufferSourceBytes(source: BufferSource): Uint8Array {
  return source instanceof ArrayBuffer
    ? new Uint8Array(source)
    : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}

/**
 * Converts `MediaKeySession.keyStatuses` entries to legato's map: key ids as 32-character
 * lower-case hex, statuses as `KeyStatus` (an unknown future status becomes `internal-error`).
 */
export function toKeyStatusMap(
  entries: Iterable<readonly [BufferSource, string]>,
): ReadonlyMap<string, KeyStatus> {
  const out = new Map<string, KeyStatus>();
  for (const [keyId, status] of entries) {
    out.set(
      bytesToHex(bufferSourceBytes(keyId)),
      KNOWN.has(status) ? (status as KeyStatus) : 'internal-error',
    );
  }
  return out;
}

/** Whether two key status maps hold the same keys with the same statuses. */
export function sameKeyStatuses(
  a: ReadonlyMap<string, KeyStatus>,
  b: ReadonlyMap<string, KeyStatus>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [kid, status] of a) if (b.get(kid) !== status) return false;
  return true;
}

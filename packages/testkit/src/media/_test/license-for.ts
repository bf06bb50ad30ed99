import { encodeClearKeyLicense } from '../core/clearkey-json.js';

/** A ClearKey license (JSON bytes) for one key, optionally expiring at `expirationMs`. */
export function licenseFor(kid: string, key: string, expirationMs?: number): Uint8Array {
  return encodeClearKeyLicense({
    keys: [{ kid, key }],
    ...(expirationMs === undefined ? {} : { expirationMs }),
  });
}

import {
  createSoftwareClearKeyCdm,
  type SoftwareClearKeyCdm,
} from '../cdm/software-clearkey-cdm.js';
import { encodeClearKeyLicense, encodeClearKeyRequest } from '../core/clearkey-json.js';

/** A ClearKey license (JSON bytes) for one key, optionally expiring at `expirationMs`. */
export function licenseFor(kid: string, key: string, expirationMs?: number): Uint8Array {
  return encodeClearKeyLicense({
    keys: [{ kid, key }],
    ...(expirationMs === undefined ? {} : { expirationMs }),
  });
}

/** A software CDM with one session that already holds a usable key for `kid`. */
export async function licensedCdm(kid: string, key: string): Promise<SoftwareClearKeyCdm> {
  const cdm = createSoftwareClearKeyCdm();
  const session = cdm.createSession();
  session.message$.subscribe(() => void session.update(licenseFor(kid, key)));
  await session.generateRequest('keyids', encodeClearKeyRequest([kid]));
  return cdm;
}

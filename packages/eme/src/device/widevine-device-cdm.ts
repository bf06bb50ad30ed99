import type { CdmPort, CdmSessionType, ProvisioningRequest } from '@legato/drm';
import { DeviceSession } from './device-session.js';
import { checkStatus } from './status-error.js';
import type { WidevineDecryptInput, WidevineDeviceCdmNative } from './widevine-device-cdm-api.js';

/** A `CdmPort` over a native Widevine CE CDM, plus sample decryption for a decrypting sink. */
export interface DeviceCdm extends CdmPort {
  createSession(type?: CdmSessionType): DeviceSession;
  isProvisioned(): Promise<boolean>;
  getProvisioningRequest(): Promise<ProvisioningRequest>;
  handleProvisioningResponse(response: Uint8Array): Promise<void>;
  setServerCertificate(certificate: Uint8Array): Promise<boolean>;
  /** Decrypts one sample with a key some session holds; typed errors for missing/expired keys. */
  decryptSample(input: WidevineDecryptInput): Promise<Uint8Array>;
}

/** Options of {@link widevineDeviceCdm}. */
export interface WidevineDeviceCdmOptions {
  /** Key system name reported by the port. @default 'com.widevine.alpha' */
  readonly keySystem?: string;
  /** Session type of `createSession()` without argument. @default 'temporary' */
  readonly sessionType?: CdmSessionType;
}

/**
 * Adapts a Widevine CE CDM binding to `CdmPort`: sessions, messages from the native listener,
 * key statuses and expiration re-read on every `onKeyStatusesChange`, provisioning, service
 * certificate, and `decryptSample` for {@link decryptingSink}.
 *
 * @example
 * ```ts
 * const cdm = widevineDeviceCdm(nativeBinding);
 * if (!(await cdm.isProvisioned())) { const { url, request } = await cdm.getProvisioningRequest(); … }
 * ```
 */
export function widevineDeviceCdm(
  native: WidevineDeviceCdmNative,
  options: WidevineDeviceCdmOptions = {},
): DeviceCdm {
  const sessions = new Map<string, DeviceSession>();
  const register = (id: string, session: DeviceSession | null) => {
    if (session) sessions.set(id, session);
    else sessions.delete(id);
  };
  native.setListener({
    onMessage: (id, type, message) => sessions.get(id)?.onMessage(type, message),
    onKeyStatusesChange: (id) => {
      sessions
        .get(id)
        ?.refresh()
        .catch(() => undefined);
    },
    onRemoveComplete: (id) => {
      sessions
        .get(id)
        ?.close()
        .catch(() => undefined);
    },
  });
  return {
    keySystem: options.keySystem ?? 'com.widevine.alpha',
    createSession: (type = options.sessionType ?? 'temporary') =>
      new DeviceSession(native, type, register),
    isProvisioned: async () => native.isProvisioned(),
    async getProvisioningRequest() {
      const r = await native.getProvisioningRequest();
      checkStatus(r.status, 'getProvisioningRequest');
      return { url: r.defaultUrl, request: r.request };
    },
    async handleProvisioningResponse(response) {
      checkStatus(await native.handleProvisioningResponse(response), 'handleProvisioningResponse');
    },
    async setServerCertificate(certificate) {
      const status = await native.setServiceCertificate(certificate);
      if (status === 'not-supported') return false;
      checkStatus(status, 'setServiceCertificate');
      return true;
    },
    async decryptSample(input) {
      const r = await native.decrypt(input);
      checkStatus(r.status, 'decrypt');
      return r.output;
    },
  };
}

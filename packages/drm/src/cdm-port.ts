import type { Observable } from 'rxjs';

/**
 * Every status a key in a CDM session can have: the EME `MediaKeyStatus` values, plus
 * `released`. Adapters map what their CDM reports onto this list (an unknown future value
 * becomes `internal-error`).
 */
export const KEY_STATUSES = [
  'usable',
  'expired',
  'released',
  'output-restricted',
  'output-downscaled',
  'usable-in-future',
  'status-pending',
  'internal-error',
] as const;

/**
 * Status of one key in a CDM session (one of {@link KEY_STATUSES}).
 * Key ids are lower-case hex without dashes (32 characters) everywhere in legato.
 */
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** Kinds of message a CDM session asks the application to deliver. */
export type CdmMessageType =
  | 'license-request'
  | 'license-renewal'
  | 'license-release'
  | 'individualization-request';

/** One message from a CDM session: send `message` to the license (or provisioning) server. */
export interface CdmMessage {
  readonly type: CdmMessageType;
  readonly message: Uint8Array;
}

/** Init data formats (the EME registry names). */
export type InitDataType = 'cenc' | 'keyids' | 'webm';

/** EME session types. */
export type CdmSessionType = 'temporary' | 'persistent-license';

/** One CDM session: the EME MediaKeySession shape with RxJS streams instead of events. */
export interface CdmSession {
  /** CDM-assigned id; empty until `generateRequest` resolves (as in EME). */
  readonly sessionId: string;
  /** Starts the license exchange; a `license-request` message follows on `message$`. */
  generateRequest(initDataType: InitDataType, initData: Uint8Array): Promise<void>;
  /** Messages to deliver (hot; completes when the session closes). */
  readonly message$: Observable<CdmMessage>;
  /** Feeds the server's response (license, renewal, release ack) to the CDM. */
  update(response: Uint8Array): Promise<void>;
  /** Key statuses by key id (hex), emitted on every change (hot; completes on close). */
  readonly keyStatuses$: Observable<ReadonlyMap<string, KeyStatus>>;
  /** License expiration as epoch milliseconds; `NaN` when the license never expires. */
  readonly expiration: number;
  /** Loads a stored persistent session; resolves false when none exists. */
  load?(sessionId: string): Promise<boolean>;
  /** Closes the session and releases its keys. Idempotent. */
  close(): Promise<void>;
  /** Removes a persistent license (starts a `license-release` exchange). */
  remove(): Promise<void>;
  /** Resolves when the session is closed, by `close()` or by the CDM. */
  readonly closed: Promise<void>;
}

/** A provisioning exchange for device CDMs (the Widevine CE CDM shape). */
export interface ProvisioningRequest {
  /** Provisioning server URL the CDM asks for (may be empty: use the integrator's default). */
  readonly url: string;
  readonly request: Uint8Array;
}

/**
 * The port legato's DRM layer drives: a Content Decryption Module.
 * Adapters: EME (`@legato/eme`), software ClearKey (`@legato/testkit`), device CDM bindings.
 */
export interface CdmPort {
  /** Key system string, e.g. `com.widevine.alpha` or `org.w3.clearkey`. */
  readonly keySystem: string;
  /** Creates a session (no request yet). */
  createSession(type?: CdmSessionType): CdmSession;
  /** Installs a service certificate (Widevine privacy mode); resolves false when unsupported. */
  setServerCertificate?(certificate: Uint8Array): Promise<boolean>;
  /** Device CDMs: whether provisioning already happened. Absent means always provisioned. */
  isProvisioned?(): boolean | Promise<boolean>;
  /** Device CDMs: the provisioning request to POST. */
  getProvisioningRequest?(): Promise<ProvisioningRequest>;
  /** Device CDMs: feeds the provisioning server's response. */
  handleProvisioningResponse?(response: Uint8Array): Promise<void>;
}

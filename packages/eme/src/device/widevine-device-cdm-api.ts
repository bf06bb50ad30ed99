import type { CencScheme, Subsample } from '@legato/isobmff';

/** A value or a promise of it: bindings may be synchronous (N-API) or asynchronous (IPC). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Status of a Widevine CE CDM call (`widevine::Cdm::Status`), as a binding reports it. Bindings
 * map the native numeric codes to these names.
 */
export type WidevineCdmStatus =
  | 'success'
  | 'needs-device-certificate'
  | 'session-not-found'
  | 'decrypt-error'
  | 'no-key'
  | 'key-set-not-found'
  | 'insufficient-output-protection'
  | 'deferred'
  | 'type-error'
  | 'not-supported'
  | 'range-error'
  | 'quota-exceeded'
  | 'unexpected-error';

/** Key status as the CE CDM reports it (`widevine::Cdm::KeyStatus`). */
export type WidevineNativeKeyStatus =
  | 'usable'
  | 'expired'
  | 'output-not-allowed'
  | 'status-pending'
  | 'internal-error'
  | 'released';

/** Message types of `IEventListener::onMessage`. */
export type WidevineNativeMessageType =
  | 'license-request'
  | 'license-renewal'
  | 'license-release'
  | 'individualization-request';

/** The CE CDM's event listener (`widevine::Cdm::IEventListener`). */
export interface WidevineDeviceCdmListener {
  onMessage(sessionId: string, type: WidevineNativeMessageType, message: Uint8Array): void;
  /** Key statuses changed; read them with `getKeyStatuses`. */
  onKeyStatusesChange(sessionId: string, hasNewUsableKey: boolean): void;
  /** A `remove()` finished (the release was acknowledged). */
  onRemoveComplete(sessionId: string): void;
}

/** One sample to decrypt (`widevine::Cdm::InputBuffer` + subsamples). */
export interface WidevineDecryptInput {
  /** 16-byte key id. */
  readonly keyId: Uint8Array;
  /**
   * 8- or 16-byte IV (8-byte IVs, `cenc`/`cens` only, are zero-extended to the counter block);
   * for `cbcs` usually the track's constant IV, restarted at every subsample.
   */
  readonly iv: Uint8Array;
  /** The whole sample. */
  readonly data: Uint8Array;
  /** Clear/protected byte runs; null = the whole sample is protected. */
  readonly subsamples: readonly Subsample[] | null;
  /**
   * Protection scheme (ISO/IEC 23001-7): `cenc` and `cens` are AES-CTR (`kAesCtr` in `cdm.h`),
   * `cbc1` and `cbcs` AES-CBC (`kAesCbc`); `cens`/`cbcs` may carry a pattern.
   */
  readonly scheme: CencScheme;
  /**
   * Pattern for `cbcs`/`cens` (16-byte blocks); omitted when the track has none (0:0 —
   * whole-block full-sample encryption, what packagers write for audio).
   */
  readonly pattern?: { readonly encryptBlocks: number; readonly skipBlocks: number };
}

/**
 * The Widevine CE CDM API (`cdm.h`, `widevine::Cdm`) as a JavaScript binding exposes it to
 * legato. Integrators implement it over their native library; `widevineDeviceCdm` adapts it
 * to `CdmPort`, and `runCdmConformance` checks the binding.
 */
export interface WidevineDeviceCdmNative {
  /** Installs the one event listener (called once by the adapter). */
  setListener(listener: WidevineDeviceCdmListener): void;
  isProvisioned(): MaybePromise<boolean>;
  getProvisioningRequest(): MaybePromise<{
    readonly status: WidevineCdmStatus;
    readonly request: Uint8Array;
    readonly defaultUrl: string;
  }>;
  handleProvisioningResponse(response: Uint8Array): MaybePromise<WidevineCdmStatus>;
  /** Service certificate for privacy mode. */
  setServiceCertificate(certificate: Uint8Array): MaybePromise<WidevineCdmStatus>;
  createSession(
    type: 'temporary' | 'persistent-license',
  ): MaybePromise<{ readonly status: WidevineCdmStatus; readonly sessionId: string }>;
  generateRequest(
    sessionId: string,
    initDataType: 'cenc' | 'keyids' | 'webm',
    initData: Uint8Array,
  ): MaybePromise<WidevineCdmStatus>;
  /** Loads a persistent session; `key-set-not-found` when none is stored. */
  load(sessionId: string): MaybePromise<WidevineCdmStatus>;
  update(sessionId: string, response: Uint8Array): MaybePromise<WidevineCdmStatus>;
  /** Expiration in epoch ms; -1 (or any negative) when the license never expires. */
  getExpiration(
    sessionId: string,
  ): MaybePromise<{ readonly status: WidevineCdmStatus; readonly expirationMs: number }>;
  getKeyStatuses(sessionId: string): MaybePromise<{
    readonly status: WidevineCdmStatus;
    readonly keyStatuses: readonly {
      readonly keyId: Uint8Array;
      readonly status: WidevineNativeKeyStatus;
    }[];
  }>;
  close(sessionId: string): MaybePromise<WidevineCdmStatus>;
  remove(sessionId: string): MaybePromise<WidevineCdmStatus>;
  decrypt(
    input: WidevineDecryptInput,
  ): MaybePromise<{ readonly status: WidevineCdmStatus; readonly output: Uint8Array }>;
}

import type { Observable } from 'rxjs';
import type { LicenseRequestKind } from '../core/session-state.js';

/** What a license transport knows about one exchange. */
export interface LicenseRequestContext {
  /** Which CDM message this is. */
  readonly kind: LicenseRequestKind;
  /**
   * Send to this URL instead of the transport's own (the policy's `renewal_server_url`).
   * The bearer token still goes only to the configured license URL's origin.
   */
  readonly url?: string;
}

/**
 * Delivers one CDM message to a license (or renewal) server and emits the server's answer
 * once, as the bytes to feed to `CdmSession.update`. Cold; retries inside; unsubscribe aborts.
 */
export type LicenseTransport = (
  challenge: Uint8Array,
  context: LicenseRequestContext,
) => Observable<Uint8Array>;

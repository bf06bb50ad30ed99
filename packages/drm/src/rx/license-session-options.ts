import type { LegatoError } from '@legato/errors';
import type { Observable, SchedulerLike } from 'rxjs';
import type { CdmPort, CdmSessionType, ProvisioningRequest } from '../cdm-port.js';
import type { InitData } from '../core/init-data.js';
import type { LicensePolicy } from '../core/license-policy.js';
import type { LicenseTransport } from './license-transport.js';
import type { SessionCache } from './session-cache.js';

/** How a persistent license's release ended (`LicenseSessionOptions.onRelease`). */
export type LicenseReleaseOutcome =
  | { readonly released: true }
  | { readonly released: false; readonly error: LegatoError<string> };

/** Options of {@link licenseSession$}. */
export interface LicenseSessionOptions {
  /** The CDM to drive (EME adapter, software ClearKey, device binding). */
  readonly cdm: CdmPort;
  /** Delivers license requests (and renewals, unless `renewalTransport` is given). */
  readonly transport: LicenseTransport;
  /** Delivers renewals. @default transport */
  readonly renewalTransport?: LicenseTransport;
  /** Delivers a device CDM's provisioning request; needed only when the CDM is unprovisioned. */
  readonly provisioningTransport?: (request: ProvisioningRequest) => Observable<Uint8Array>;
  /** The media's `encrypted` events, used when the track carries no init data. */
  readonly encrypted$?: Observable<InitData>;
  /** The license policy when known (`toLicensePolicy(template)`). @default undefined */
  readonly policy?: LicensePolicy;
  /** CDM session type. @default 'temporary' */
  readonly sessionType?: CdmSessionType;
  /**
   * On teardown of a `persistent-license` session, release the license: `remove()`, send the
   * CDM's `license-release` message (transport kind `license-release`), give the server's
   * acknowledgement to `update()`, then close — within `releaseTimeoutMs`, outcome to
   * `onRelease`. @default false
   */
  readonly removeOnClose?: boolean;
  /** Delivers license-release messages. @default transport */
  readonly releaseTransport?: LicenseTransport;
  /** Bound on the whole release exchange, ms (then `LICENSE_TIMEOUT` and close). @default 15000 */
  readonly releaseTimeoutMs?: number;
  /**
   * How a release ended (`released: false` with a typed `LegatoError`: `LICENSE_*` from the
   * server, `LICENSE_TIMEOUT`, `CDM_*` from the CDM). Called once per released session.
   * @default undefined
   */
  readonly onRelease?: (outcome: LicenseReleaseOutcome) => void;
  /** CDM sessions to try when `generateRequest` fails (each on a new session). @default 3 */
  readonly maxGenerateAttempts?: number;
  /** Renew this long before expiry when the policy gives no renewal delay, seconds. @default 30 */
  readonly renewalLeadS?: number;
  /**
   * Wait between failed renewals (and failed license requests while re-acquiring) when the
   * policy gives no `renewal_retry_interval_seconds`, seconds. @default 10
   */
  readonly renewalRetryIntervalS?: number;
  /**
   * How long after its key expired a session keeps re-acquiring (a new CDM session and license
   * request) before it errors with `CDM_KEY_EXPIRED`, when the policy gives no
   * `renewal_recovery_duration_seconds` (no policy, or 0, which the Widevine spec calls
   * unlimited and legato bounds with this). Also the window of a `reacquire$` request.
   * @default 30
   */
  readonly recoveryWindowS?: number;
  /**
   * Each emission asks the session to re-acquire now: close the CDM session, open a new one and
   * request a new license (retried until now + the recovery window, then `CDM_KEY_EXPIRED`).
   * For a watchdog that sees playback wait for a key too long. Ignored before the session has
   * init data and after it ended. With a `cache`, it reaches the shared session (whoever opened
   * it): re-subscribing would only hand the same session back. @default undefined
   */
  readonly reacquire$?: Observable<unknown>;
  /**
   * Who starts renewals: `cdm` waits for the CDM's `license-renewal` message; `request-again`
   * re-sends the stored license request when renewal is due.
   * @default 'cdm' for `com.widevine.alpha`, else 'request-again'
   */
  readonly renewal?: 'cdm' | 'request-again';
  /** Clock and timers; `now()` must be the CDM's clock (epoch ms). @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /**
   * Share sessions by key system + key ids (`createSessionCache`); tracks without key ids
   * bypass it. @default undefined (one session per subscription)
   */
  readonly cache?: SessionCache;
}

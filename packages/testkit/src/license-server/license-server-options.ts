import type { WidevineLicenseTemplate } from '@legato/drm';

/** The request forms the license server understands. */
export type LicenseRequestForm = 'amazon' | 'widevine-proxy' | 'raw';

/**
 * A scripted fault: the next `times` license POSTs (of `form`, if given) get it instead of,
 * or before, normal handling.
 */
export interface LicenseFault {
  /** Answer with this HTTP status (400, 401, 403, 500, 503, …) and a JSON error body. */
  readonly status?: number;
  /** `Retry-After` seconds sent with the status. */
  readonly retryAfterS?: number;
  /** Wait this long before answering (a slow server), ms. */
  readonly delayMs?: number;
  /** Answer 200 with a broken body instead of a license. */
  readonly body?: 'invalid-json' | 'no-license' | 'bad-base64';
  /** How many requests it applies to. @default 1 */
  readonly times?: number;
  /** Only requests of this form. @default every form */
  readonly form?: LicenseRequestForm;
}

/** Options of `startLicenseServer`. */
export interface LicenseServerOptions {
  /** Content keys the server vends: key id (hex) → key (hex), 16 bytes each. */
  readonly keys: Readonly<Record<string, string>>;
  /**
   * Widevine template whose `policy_overrides` apply to every license: `can_play` (false →
   * 403), license/rental durations (→ the license `expiration`), `can_renew` (a renewal —
   * a repeat request for a still-valid license from the same device — is refused with 403
   * when false), `renewal_recovery_duration_seconds` (a repeat request after expiry but within
   * it is still a renewal), `renewal_delay_seconds` (a renewal before it is logged `early`).
   * Validated with `parseWidevineTemplate`.
   * @default undefined (play allowed, unlimited, renewable)
   */
  readonly template?: WidevineLicenseTemplate;
  /** Accepted bearer tokens. @default ['test-token'] */
  readonly tokens?: readonly string[];
  /** Scripted faults, consumed in order. @default [] */
  readonly faults?: readonly LicenseFault[];
  /**
   * Headers the Amazon form must carry (besides Authorization, Content-Type, User-Agent).
   * @default x-amz-target and x-amz-music-{asin,customer-id,device-id,device-type,drm-type}
   */
  readonly requiredHeaders?: readonly string[];
  /**
   * Test header giving the license lifetime in seconds; the guide's other spelling
   * `x-alexa-music-license-expiration-test-duration-secs` is always accepted too.
   * @default 'x-amz-music-license-expiration-secs'
   */
  readonly expirationHeaderName?: string;
  /** Clock for license expiration, epoch ms (inject a virtual one for expiry tests). @default Date.now */
  readonly nowMs?: () => number;
  /** Requests kept in `requests` (the oldest are dropped past it: soaks stay flat). @default 10000 */
  readonly maxLoggedRequests?: number;
}

/** One request as the server saw it (Authorization redacted). */
export interface LicenseServerRequest {
  /** 1-based arrival number. */
  readonly number: number;
  /** Server clock (`nowMs`) at arrival. */
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  readonly form: LicenseRequestForm | undefined;
  /** Request headers, lower-case names; `authorization` is `Bearer <redacted>`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Key ids asked for (hex). */
  readonly kids: readonly string[];
  /**
   * `renewal` when the device holds a license for these kids that is valid, or expired but
   * within the template's `renewal_recovery_duration_seconds`; `release` for the license-release
   * message of a persistent license the device holds (acknowledged, then forgotten).
   */
  readonly kind: 'license' | 'renewal' | 'release' | undefined;
  /**
   * A renewal that came before the template's `renewal_delay_seconds` after its license was
   * issued (still answered: the server records, the client is judged). Absent when the license
   * had no renewal delay.
   */
  readonly early?: boolean;
  readonly status: number;
  /** The issued license's expiration (epoch ms; NaN = none), when one was issued. */
  readonly expirationMs: number | undefined;
  /** The scripted fault applied, if any. */
  readonly fault: LicenseFault | undefined;
  /**
   * The client hung up before the answer was sent (it timed out or cancelled): a license in it
   * was never delivered, so the server does not count it as held by the device.
   */
  readonly aborted: boolean;
}

/** A running license server. */
export interface LicenseServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Where license POSTs go: `<url>/license`. */
  readonly licenseUrl: string;
  /**
   * The last `maxLoggedRequests` answered requests, in the order the answers were decided (a
   * fresh array per read).
   */
  readonly requests: readonly LicenseServerRequest[];
  /** License POSTs received and not answered yet (e.g. held by a `delayMs` fault). */
  readonly inFlight: number;
  /** Appends scripted faults. */
  addFaults(...faults: LicenseFault[]): void;
  /** Stops listening, ends open connections and pending delays; leaves no handles. */
  close(): Promise<void>;
}

import type { InsecureOriginPolicy, Transport } from '@legato/fetch';
import type { SchedulerLike } from 'rxjs';

/** Options every HTTP license transport takes (as `@legato/fetch` does). */
export interface LicenseHttpOptions {
  /** WHATWG `fetch`. @default globalThis.fetch */
  readonly transport?: Transport;
  /** Clock for timeouts and retry delays. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Random numbers in [0, 1) for retry jitter. @default Math.random */
  readonly rng?: () => number;
  /** Plain-HTTP origins allowed (loopback tests): `true` or a list of origins. @default false */
  readonly allowInsecureOrigins?: InsecureOriginPolicy;
  /** Retries after a 5xx, 429, timeout or network failure. @default 3 */
  readonly maxRetries?: number;
  /** Ceiling of the first backoff delay, ms (full jitter, doubling). @default 1000 */
  readonly baseRetryDelayMs?: number;
  /** Upper bound of any retry delay, including `Retry-After`, ms. @default 30000 */
  readonly maxRetryDelayMs?: number;
  /** Per-attempt limit from sending to the whole body read, ms. @default 10000 */
  readonly timeoutMs?: number;
  /** Largest response body accepted, bytes. @default 1048576 */
  readonly maxResponseBytes?: number;
}

/** Asks the app for its bearer token; `forceRefresh` after a 401. */
export type GetToken = (options: { readonly forceRefresh: boolean }) => string | Promise<string>;

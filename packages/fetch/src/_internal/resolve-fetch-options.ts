import { LegatoError } from '@legato/errors';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { InsecureOriginPolicy } from '../core/check-url-policy.js';
import type { RetryPolicy } from '../core/plan-retry.js';
import type {
  CmcdOptions,
  FetchSegmentOptions,
  FetchTimeouts,
} from '../rx/fetch-segment-options.js';
import { fromFetchTransport } from '../rx/from-fetch-transport.js';
import type { HttpPort } from '../rx/http-port.js';

/** {@link FetchSegmentOptions} with every default applied and every number checked. */
export interface ResolvedFetchOptions {
  readonly http: HttpPort;
  readonly scheduler: SchedulerLike;
  readonly rng: () => number;
  readonly retry: RetryPolicy;
  readonly timeouts: FetchTimeouts;
  readonly onRequest: FetchSegmentOptions['onRequest'];
  readonly allowInsecureOrigins: InsecureOriginPolicy;
  readonly cmcd: CmcdOptions | undefined;
  readonly resumeInterrupted: boolean;
  readonly maxBodyBytes: number;
}

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  backoffFactor: 2,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
};
const DEFAULT_TIMEOUTS: FetchTimeouts = { firstByteMs: 10_000, stallMs: 10_000, totalMs: 60_000 };

/** Applies defaults; throws `INVALID_ARGUMENT` naming the bad option. */
export function resolveFetchOptions(options: FetchSegmentOptions): ResolvedFetchOptions {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  checkNumber('retry.maxAttempts', retry.maxAttempts, 1, true);
  checkNumber('retry.baseDelayMs', retry.baseDelayMs, 0, false);
  checkNumber('retry.backoffFactor', retry.backoffFactor, 1, false);
  checkNumber('retry.maxDelayMs', retry.maxDelayMs, 0, false);
  checkNumber('retry.maxRetryAfterMs', retry.maxRetryAfterMs, 0, false);
  for (const key of ['firstByteMs', 'stallMs', 'totalMs'] as const) {
    const v = timeouts[key];
    if (v !== Number.POSITIVE_INFINITY) checkNumber(`timeouts.${key}`, v, 1, false);
  }
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  checkNumber('maxBodyBytes', maxBodyBytes, 0, true);
  let http = options.http;
  if (http === undefined) {
    const transport = options.transport ?? globalThis.fetch?.bind(globalThis);
    if (typeof transport !== 'function') {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        'options.transport: expected a fetch function, received none (no globalThis.fetch)',
      );
    }
    http = fromFetchTransport(transport);
  }
  return {
    http,
    scheduler: options.scheduler ?? asyncScheduler,
    rng: options.rng ?? Math.random,
    retry,
    timeouts,
    onRequest: options.onRequest,
    allowInsecureOrigins: options.allowInsecureOrigins ?? false,
    cmcd: options.cmcd,
    resumeInterrupted: options.resumeInterrupted ?? true,
    maxBodyBytes,
  };
}

function checkNumber(name: string, value: number, min: number, integer: boolean): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `options.${name}: expected ${integer ? 'an integer' : 'a finite number'} ≥ ${min}, received ${String(value)}`,
    );
  }
}

import { isLegatoError, LegatoError } from '@legato/errors';
import { catchError, defer, type Observable, switchMap, throwError, timer } from 'rxjs';
import { applyCmcd } from '../_internal/apply-cmcd.js';
import { attempt$, type RangeCarry } from '../_internal/attempt.js';
import {
  type ResolvedFetchOptions,
  resolveFetchOptions,
} from '../_internal/resolve-fetch-options.js';
import { validateSegmentRequest } from '../_internal/validate-segment-request.js';
import { checkUrlPolicy } from '../core/check-url-policy.js';
import type { FetchEvent } from '../core/fetch-event.js';
import { planRetry } from '../core/plan-retry.js';
import { redactUrl } from '../core/redact-url.js';
import { resumeOffset } from '../core/resume-offset.js';
import {
  byteRangeLength,
  formatRangeHeader,
  type SegmentRequest,
} from '../core/segment-request.js';
import type { FetchSegmentOptions } from './fetch-segment-options.js';

/**
 * Fetches one segment (or byte range of a file) as a cold Observable: `progress` events as body
 * chunks arrive, then one `complete` event with exactly the requested bytes. Validates
 * `206`/`Content-Range` strictly, slices a `200` full body when a server ignores `Range`, retries
 * network errors, timeouts, 408, 429 and 5xx with full-jitter backoff or `Retry-After`, fails
 * over across BaseURL alternatives, and errors with a `LegatoError`. Unsubscribing aborts the
 * request and cancels any pending retry.
 *
 * @example
 * ```ts
 * fetchSegment$(
 *   { urls: [`${origin.url}/track.mp4`], range: { start: 100, end: 1099 }, kind: 'media' },
 *   { allowInsecureOrigins: true },
 * ).subscribe((e) => e.type === 'complete' && console.log(e.bytes.length)); // 1000
 * ```
 */
export function fetchSegment$(
  request: SegmentRequest,
  options: FetchSegmentOptions = {},
): Observable<FetchEvent> {
  return defer(() => {
    const resolved = resolveFetchOptions(options);
    validateSegmentRequest(request);
    for (const url of request.urls) checkUrlPolicy(url, resolved.allowInsecureOrigins);
    const carry =
      request.range && resolved.resumeInterrupted
        ? { bytes: undefined, lengthBytes: byteRangeLength(request.range), keptBytes: 0 }
        : undefined;
    return run({ request, options: resolved, carry }, 1, 0);
  });
}

/** One subscription's fixed inputs and the range bytes it keeps across attempts. */
interface Job {
  readonly request: SegmentRequest;
  readonly options: ResolvedFetchOptions;
  readonly carry: RangeCarry | undefined;
}

function run(job: Job, attempt: number, urlIndex: number): Observable<FetchEvent> {
  const { request, options, carry } = job;
  return defer(() => {
    let url = request.urls[urlIndex]!;
    let headers: Record<string, string> = { ...request.headers };
    const range =
      request.range && carry && carry.keptBytes > 0
        ? { start: request.range.start + carry.keptBytes, end: request.range.end }
        : request.range;
    if (range) headers['Range'] = formatRangeHeader(range);
    if (options.cmcd) ({ url, headers } = applyCmcd(options.cmcd, request, attempt, url, headers));
    const changed = options.onRequest?.({
      url,
      headers,
      kind: request.kind,
      range,
      attempt,
    });
    if (changed) {
      url = changed.url;
      headers = { ...changed.headers };
      checkUrlPolicy(url, options.allowInsecureOrigins);
    }
    return attempt$({
      http: options.http,
      scheduler: options.scheduler,
      timeouts: options.timeouts,
      maxRetryAfterMs: options.retry.maxRetryAfterMs,
      maxBodyBytes: options.maxBodyBytes,
      url,
      headers,
      range,
      kind: request.kind,
      attempt,
      carry,
    });
  }).pipe(
    catchError((error: unknown) => {
      if (!isLegatoError(error) || !error.code.startsWith('FETCH_')) return throwError(() => error);
      const retryAfterMs = error.details?.['retryAfterMs'];
      const decision = planRetry(
        {
          attempt,
          urlIndex,
          urlCount: request.urls.length,
          retryable: error.retryable,
          retryAfterMs: typeof retryAfterMs === 'number' ? retryAfterMs : undefined,
        },
        options.retry,
        options.rng,
      );
      if (decision.type === 'fail') return throwError(() => finalError(error, attempt, request));
      if (carry) {
        const sameUrl = decision.urlIndex === urlIndex;
        carry.keptBytes = resumeOffset(carry.keptBytes, carry.lengthBytes, error.code, sameUrl);
      }
      const next = run(job, attempt + 1, decision.urlIndex);
      return decision.delayMs > 0
        ? timer(decision.delayMs, options.scheduler).pipe(switchMap(() => next))
        : next;
    }),
  );
}

/** The error the consumer sees once no attempt is left. */
function finalError(
  last: LegatoError<string>,
  attempts: number,
  request: SegmentRequest,
): LegatoError {
  const suffix = ` (${attempts} attempt${attempts === 1 ? '' : 's'})`;
  if (request.urls.length === 1 || last.code === 'FETCH_FORBIDDEN') {
    return new LegatoError(last.code as LegatoError['code'], last.message + suffix, {
      retryable: last.retryable,
      cause: last.cause ?? undefined,
      details: { ...last.details, attempts },
    });
  }
  return new LegatoError(
    'FETCH_ALL_URLS_FAILED',
    `expected one of ${request.urls.length} BaseURL alternatives to deliver, all failed${suffix}; last: ${last.message}`,
    {
      retryable: last.retryable,
      cause: last,
      details: {
        attempts,
        urls: request.urls.map(redactUrl),
        lastCode: last.code,
        ...(last.details?.['status'] === undefined ? {} : { status: last.details['status'] }),
      },
    },
  );
}

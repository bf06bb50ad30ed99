import { LegatoError } from '@legato/errors';
import { Observable, type SchedulerAction, type SchedulerLike, Subscription } from 'rxjs';
import { createBodyAssembler } from '../core/body-assembler.js';
import { classifyHttpStatus } from '../core/classify-http-status.js';
import type { FetchCompleteEvent, FetchProgressEvent } from '../core/fetch-event.js';
import { parseRetryAfterMs } from '../core/parse-retry-after.js';
import { isBodyPlanFailure, planBody } from '../core/plan-body.js';
import { redactUrl } from '../core/redact-url.js';
import type { ByteRange, RequestKind } from '../core/segment-request.js';
import type { FetchTimeouts } from '../rx/fetch-segment-options.js';
import type { HttpPort } from '../rx/http-port.js';

const WAITED_FOR = { firstByte: 'a response head', stall: 'body bytes', total: 'the whole body' };

/** Everything one attempt needs. */
export interface AttemptContext {
  readonly http: HttpPort;
  readonly scheduler: SchedulerLike;
  readonly timeouts: FetchTimeouts;
  readonly maxRetryAfterMs: number;
  readonly maxBodyBytes: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The range this attempt asks for (the rest of the request's range when resuming). */
  readonly range: ByteRange | undefined;
  readonly kind: RequestKind;
  readonly attempt: number;
  /** Buffer of the whole requested range shared across attempts, for resuming; none = no resume. */
  readonly carry: RangeCarry | undefined;
}

/** The bytes of a ranged request kept across attempts. */
export interface RangeCarry {
  /** Buffer of the whole requested range, allocated by the first attempt that gets a body. */
  bytes: Uint8Array | undefined;
  /** Length of the whole requested range. */
  readonly lengthBytes: number;
  /** Bytes at the start of `bytes` that earlier attempts validated. */
  keptBytes: number;
}

/**
 * One HTTP attempt: validates the head, assembles the body with progress, enforces the
 * first-byte / stall / total timeouts on the scheduler. Errors are LegatoErrors whose details
 * carry `url` (redacted), `attempt`, `status` and `retryAfterMs` where known.
 */
export function attempt$(ctx: AttemptContext): Observable<FetchProgressEvent | FetchCompleteEvent> {
  return new Observable((subscriber) => {
    const { scheduler, timeouts, url, attempt } = ctx;
    const safeUrl = redactUrl(url);
    const startedAt = scheduler.now();
    const resumedBytes = ctx.carry?.keptBytes ?? 0;
    const teardown = new Subscription();
    let stallTimer: Subscription | undefined;
    let firstByteTimer: Subscription | undefined;
    let assembler: ReturnType<typeof createBodyAssembler> | undefined;
    let status = 0;
    let fromFullBody = false;
    let totalBytes: number | undefined;
    let firstByteMs = 0;
    let lastAt = 0;

    const fail = (error: LegatoError): void => subscriber.error(error);
    const timeoutError = (phase: 'firstByte' | 'stall' | 'total', ms: number): LegatoError =>
      new LegatoError(
        'FETCH_TIMEOUT',
        `expected ${WAITED_FOR[phase]} from ${safeUrl} within ${ms} ms, received none`,
        { retryable: true, details: { url: safeUrl, attempt, phase, timeoutMs: ms } },
      );
    const timer = (phase: 'firstByte' | 'total', ms: number): Subscription | undefined =>
      ms === Number.POSITIVE_INFINITY
        ? undefined
        : scheduler.schedule(() => fail(timeoutError(phase, ms)), ms);
    // One stall watch per attempt: chunks only move `lastAt`; when the watch fires early it
    // re-arms for the remaining time (no timer churn per chunk).
    const armStall = (): void => {
      const stallMs = timeouts.stallMs;
      if (stallTimer !== undefined || stallMs === Number.POSITIVE_INFINITY) return;
      stallTimer = scheduler.schedule(function (this: SchedulerAction<unknown>) {
        const idleMs = scheduler.now() - lastAt;
        if (idleMs >= stallMs) fail(timeoutError('stall', stallMs));
        else this.schedule(undefined, stallMs - idleMs);
      }, stallMs);
    };
    const complete = (): void => {
      let bytes: Uint8Array;
      try {
        bytes = assembler!.finish();
      } catch (error) {
        fail(withDetails(error as LegatoError, { url: safeUrl, attempt, status }));
        return;
      }
      const event: FetchCompleteEvent = {
        type: 'complete',
        bytes,
        url,
        status,
        firstByteMs,
        durationMs: scheduler.now() - startedAt,
        fromFullBody,
        attempts: attempt,
        loadedBytes: assembler!.receivedBytes,
        resumedBytes,
      };
      subscriber.next(event);
      subscriber.complete();
    };

    firstByteTimer = timer('firstByte', timeouts.firstByteMs);
    const total = timer('total', timeouts.totalMs);
    if (total) teardown.add(total);
    teardown.add(() => {
      firstByteTimer?.unsubscribe();
      stallTimer?.unsubscribe();
    });
    teardown.add(
      ctx.http({ url, method: 'GET', headers: ctx.headers }).subscribe({
        next(event) {
          const now = scheduler.now();
          if (event.type === 'head') {
            firstByteTimer?.unsubscribe();
            firstByteTimer = undefined;
            status = event.status;
            firstByteMs = now - startedAt;
            lastAt = now;
            const failure = classifyHttpStatus(status, ctx.kind);
            if (failure) {
              const retryAfterMs = parseRetryAfterMs(
                event.headers.get('retry-after'),
                now,
                ctx.maxRetryAfterMs,
              );
              fail(
                new LegatoError(
                  failure.code,
                  `expected 200 or 206 from ${safeUrl}, received ${status}`,
                  {
                    retryable: failure.retryable,
                    details: {
                      url: safeUrl,
                      attempt,
                      status,
                      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
                    },
                  },
                ),
              );
              return;
            }
            const plan = planBody(
              ctx.range,
              {
                status,
                contentRange: event.headers.get('content-range'),
                contentLength: event.headers.get('content-length'),
                contentEncoding: event.headers.get('content-encoding'),
              },
              ctx.maxBodyBytes,
            );
            if (isBodyPlanFailure(plan)) {
              fail(
                new LegatoError(plan.code, `${plan.message} from ${safeUrl}`, {
                  retryable: plan.retryable,
                  details: { url: safeUrl, attempt, status },
                }),
              );
              return;
            }
            fromFullBody = plan.fromFullBody;
            totalBytes = plan.expectedBodyBytes;
            const carry = ctx.carry;
            if (carry) {
              carry.bytes ??= new Uint8Array(carry.lengthBytes);
              assembler = createBodyAssembler(plan, { bytes: carry.bytes, offset: resumedBytes });
            } else {
              assembler = createBodyAssembler(plan);
            }
            armStall();
            return;
          }
          if (assembler === undefined) return;
          let enough: boolean;
          try {
            enough = assembler.push(event.bytes);
          } catch (error) {
            fail(withDetails(error as LegatoError, { url: safeUrl, attempt, status }));
            return;
          }
          if (ctx.carry) ctx.carry.keptBytes = resumedBytes + assembler.keptBytes;
          subscriber.next({
            type: 'progress',
            loadedBytes: assembler.receivedBytes,
            totalBytes,
            deltaBytes: event.bytes.length,
            deltaMs: now - lastAt,
            elapsedMs: now - startedAt,
            nowMs: now,
            firstByteMs,
            attempt,
            url,
          });
          lastAt = now;
          if (enough) complete();
        },
        error(cause: unknown) {
          fail(
            new LegatoError(
              'FETCH_NETWORK',
              `expected a response from ${safeUrl}, the transport failed${status ? ` after status ${status}` : ''}`,
              {
                retryable: true,
                cause,
                details: { url: safeUrl, attempt, ...(status ? { status } : {}) },
              },
            ),
          );
        },
        complete() {
          if (assembler === undefined) {
            fail(
              new LegatoError(
                'FETCH_NETWORK',
                `expected a response head from ${safeUrl}, received none`,
                {
                  retryable: true,
                  details: { url: safeUrl, attempt },
                },
              ),
            );
            return;
          }
          complete();
        },
      }),
    );
    return teardown;
  });
}

function withDetails(error: LegatoError, details: Record<string, unknown>): LegatoError {
  return new LegatoError(error.code, error.message, {
    retryable: error.retryable,
    cause: error.cause,
    details: { ...details, ...error.details },
  });
}

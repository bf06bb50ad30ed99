import { isLegatoError, LegatoError } from '@legato/errors';
import { checkUrlPolicy, computeBackoffDelayMs, parseRetryAfterMs, redactUrl } from '@legato/fetch';
import { asyncScheduler, Observable, type Subscription } from 'rxjs';
import type { GetToken, LicenseHttpOptions } from '../rx/license-http-options.js';
import type { LicenseRequestContext } from '../rx/license-transport.js';

/** What a concrete transport supplies to {@link postLicense$}. */
export interface LicensePostSpec {
  /** The configured license URL (the bearer token goes only to its origin). */
  readonly licenseUrl: string;
  readonly getToken: GetToken | undefined;
  /** Builds the request for `url` (token not included: added here). */
  build(url: string): {
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | Uint8Array;
  };
  /** Reads a 2xx body into the license bytes; throws `LICENSE_RESPONSE_INVALID`. */
  read(body: Uint8Array, contentType: string | null): Uint8Array;
}

type Outcome =
  | { readonly kind: 'ok'; readonly license: Uint8Array }
  | { readonly kind: 'fail'; readonly error: LegatoError<string> }
  | {
      readonly kind: 'retry';
      readonly error: LegatoError<string>;
      readonly afterMs: number | undefined;
    }
  | { readonly kind: 'refresh-token'; readonly error: LegatoError<string> };

async function readBody(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit)
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `license response: expected at most ${limit} bytes, received a Content-Length of ${declared}`,
    );
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > limit)
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `license response: expected at most ${limit} bytes, received ${body.length}`,
    );
  return body;
}

/**
 * Performs one license exchange with the status mapping of the Amazon guide: 400 fatal,
 * 401 → one token refresh then fatal, 403 fatal, 5xx / 429 / network / timeout → bounded
 * retries with jittered backoff (503 and 429 honour `Retry-After`). Cold; unsubscribe aborts.
 * Errors name the status and the redacted URL, never a token or header value.
 */
export function postLicense$(
  spec: LicensePostSpec,
  context: LicenseRequestContext,
  options: LicenseHttpOptions,
): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const scheduler = options.scheduler ?? asyncScheduler;
    const rng = options.rng ?? Math.random;
    const fetchPort = options.transport ?? globalThis.fetch;
    const maxRetries = options.maxRetries ?? 3;
    const maxDelayMs = options.maxRetryDelayMs ?? 30_000;
    const backoff = { baseDelayMs: options.baseRetryDelayMs ?? 1000, backoffFactor: 2, maxDelayMs };
    const url = context.url ?? spec.licenseUrl;
    const where = redactUrl(url);
    let controller: AbortController | undefined;
    let timer: Subscription | undefined;
    let retries = 0;
    let refreshed = false;
    let closed = false;
    try {
      checkUrlPolicy(spec.licenseUrl, options.allowInsecureOrigins ?? false);
      if (url !== spec.licenseUrl) checkUrlPolicy(url, options.allowInsecureOrigins ?? false);
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    const sendToken = new URL(url).origin === new URL(spec.licenseUrl).origin;

    const details = (status?: number) => ({
      url: where,
      kind: context.kind,
      attempts: retries + 1,
      ...(status === undefined ? {} : { status }),
    });

    async function attempt(forceRefresh: boolean): Promise<Outcome> {
      const request = spec.build(url);
      const headers: Record<string, string> = { ...request.headers };
      if (spec.getToken && sendToken)
        headers.Authorization = `Bearer ${await spec.getToken({ forceRefresh })}`;
      controller = new AbortController();
      const signal = controller.signal;
      let timedOut = false;
      timer = scheduler.schedule(() => {
        timedOut = true;
        controller?.abort();
      }, options.timeoutMs ?? 10_000);
      let response: Response;
      let body: Uint8Array;
      try {
        response = await fetchPort(url, {
          method: 'POST',
          headers,
          body: request.body as BodyInit,
          signal,
        });
        body = await readBody(response, options.maxResponseBytes ?? 1024 * 1024);
      } catch (cause) {
        if (closed) throw cause;
        if (timedOut) {
          return {
            kind: 'retry',
            afterMs: undefined,
            error: new LegatoError(
              'LICENSE_TIMEOUT',
              `license ${context.kind} to ${where}: expected a response within ${options.timeoutMs ?? 10_000} ms, received none`,
              { retryable: true, details: details() },
            ),
          };
        }
        if (isLegatoError(cause)) return { kind: 'fail', error: cause };
        return {
          kind: 'retry',
          afterMs: undefined,
          error: new LegatoError(
            'LICENSE_NETWORK',
            `license ${context.kind} to ${where}: expected an HTTP response, received a transport failure`,
            { retryable: true, cause, details: details() },
          ),
        };
      } finally {
        timer?.unsubscribe();
      }
      const { status } = response;
      const fail = (
        code:
          | 'LICENSE_BAD_REQUEST'
          | 'LICENSE_UNAUTHORIZED'
          | 'LICENSE_DENIED'
          | 'LICENSE_SERVER_ERROR',
        what: string,
      ) =>
        // retryable: the registry's value (only LICENSE_SERVER_ERROR is)
        new LegatoError(
          code,
          `license ${context.kind} to ${where}: expected 200, received ${status} (${what})`,
          { details: details(status) },
        );
      if (status >= 200 && status < 300) {
        try {
          return { kind: 'ok', license: spec.read(body, response.headers.get('content-type')) };
        } catch (error) {
          return {
            kind: 'fail',
            error: isLegatoError(error)
              ? error
              : new LegatoError(
                  'LICENSE_RESPONSE_INVALID',
                  `license response from ${where}: unreadable`,
                  { cause: error, details: details(status) },
                ),
          };
        }
      }
      if (status === 401)
        return {
          kind: 'refresh-token',
          error: fail('LICENSE_UNAUTHORIZED', 'token rejected even after one refresh'),
        };
      if (status === 403)
        return {
          kind: 'fail',
          error: fail(
            'LICENSE_DENIED',
            'license denied: CDM revoked or content/customer not eligible',
          ),
        };
      if (status >= 500 || status === 429 || status === 408) {
        const retryAfter =
          status === 503 || status === 429
            ? parseRetryAfterMs(response.headers.get('retry-after'), scheduler.now(), maxDelayMs)
            : undefined;
        return {
          kind: 'retry',
          afterMs: retryAfter,
          error: fail(
            'LICENSE_SERVER_ERROR',
            status === 503 ? 'service unavailable' : 'server error',
          ),
        };
      }
      return { kind: 'fail', error: fail('LICENSE_BAD_REQUEST', 'bad request') };
    }

    function run(forceRefresh: boolean): void {
      attempt(forceRefresh).then(
        (outcome) => {
          if (closed) return;
          switch (outcome.kind) {
            case 'ok':
              subscriber.next(outcome.license);
              subscriber.complete();
              return;
            case 'fail':
              subscriber.error(outcome.error);
              return;
            case 'refresh-token':
              if (refreshed || !spec.getToken) {
                subscriber.error(outcome.error);
                return;
              }
              refreshed = true;
              run(true);
              return;
            case 'retry': {
              if (retries >= maxRetries) {
                subscriber.error(outcome.error);
                return;
              }
              const delayMs = outcome.afterMs ?? computeBackoffDelayMs(retries, backoff, rng);
              retries += 1;
              timer = scheduler.schedule(() => run(false), delayMs);
              return;
            }
          }
        },
        (error: unknown) => {
          if (closed) return;
          subscriber.error(
            isLegatoError(error)
              ? error
              : new LegatoError(
                  'LICENSE_NETWORK',
                  `license ${context.kind} to ${where}: the request could not be made`,
                  { cause: error, details: details() },
                ),
          );
        },
      );
    }

    run(false);
    return () => {
      closed = true;
      timer?.unsubscribe();
      controller?.abort();
    };
  });
}

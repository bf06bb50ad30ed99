import type { LegatoErrorCode } from '@legato/errors';
import type { RequestKind } from './segment-request.js';

/** How a non-success HTTP status is reported: its error code and whether a retry may help. */
export interface HttpStatusFailure {
  /** `FETCH_FORBIDDEN`, `FETCH_RANGE_NOT_SATISFIABLE` or `FETCH_HTTP_<status>`. */
  readonly code: LegatoErrorCode;
  /** True for 408, 429 and 5xx. */
  readonly retryable: boolean;
}

/**
 * Classifies an HTTP status: `undefined` for the two successes a segment fetch accepts (200 and
 * 206); otherwise the error code and retryability. 403 on segment bytes (init, index, media) is
 * `FETCH_FORBIDDEN` so the engine can refresh expired playback URLs; 416 is
 * `FETCH_RANGE_NOT_SATISFIABLE`; 408, 429 and 5xx are retryable `FETCH_HTTP_<status>`.
 */
export function classifyHttpStatus(
  status: number,
  kind: RequestKind,
): HttpStatusFailure | undefined {
  if (status === 200 || status === 206) return undefined;
  if (status === 403 && (kind === 'media' || kind === 'init' || kind === 'index')) {
    return { code: 'FETCH_FORBIDDEN', retryable: false };
  }
  if (status === 416) return { code: 'FETCH_RANGE_NOT_SATISFIABLE', retryable: false };
  const retryable = status === 408 || status === 429 || (status >= 500 && status <= 599);
  return { code: `FETCH_HTTP_${status}`, retryable };
}

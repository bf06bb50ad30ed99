/**
 * The registry's codes whose `retryable` default is true, kept apart from the descriptions so
 * that `LegatoError` (in every bundle) does not carry them; `legato-error.test.ts` checks that this
 * list and the registry agree.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'AUDIO_OBJECT_NETWORK',
  'AUDIO_OBJECT_SERVER_ERROR',
  'CDM_PROVISIONING_FAILED',
  'CDM_SESSION_FAILED',
  'ENGINE_STALLED',
  'FETCH_BODY_TRUNCATED',
  'FETCH_NETWORK',
  'FETCH_RANGE_MISMATCH',
  'FETCH_TIMEOUT',
  'LICENSE_NETWORK',
  'LICENSE_SERVER_ERROR',
  'LICENSE_TIMEOUT',
  'SINK_QUOTA_EXCEEDED',
]);

/** The status of a `FETCH_HTTP_<status>` code, else undefined. */
export function fetchHttpStatus(code: string): number | undefined {
  const http = /^FETCH_HTTP_(\d{3})$/.exec(code);
  return http ? Number(http[1]) : undefined;
}

/** Whether an HTTP status is worth retrying: 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A code's default `retryable`: the registry's value, HTTP's rule for `FETCH_HTTP_<status>`, else false. */
export function defaultRetryable(code: string): boolean {
  if (RETRYABLE_CODES.has(code)) return true;
  const status = fetchHttpStatus(code);
  return status !== undefined && isRetryableStatus(status);
}

import { type BackoffPolicy, computeBackoffDelayMs } from './backoff-delay.js';

/** Retry and failover policy of a segment fetch. */
export interface RetryPolicy extends BackoffPolicy {
  /**
   * Attempts in all, the first included, across every BaseURL alternative (each alternative
   * gets at least one: the effective limit is `max(maxAttempts, urls.length)`).
   * @default 4
   */
  readonly maxAttempts: number;
  /** Upper bound of a server's `Retry-After`, in ms. @default 30000 */
  readonly maxRetryAfterMs: number;
}

/** The facts about a failed attempt that {@link planRetry} needs. */
export interface FailedAttempt {
  /** 1-based number of the attempt that failed. */
  readonly attempt: number;
  /** Index into `urls` of the URL it used. */
  readonly urlIndex: number;
  /** How many BaseURL alternatives the request has. */
  readonly urlCount: number;
  /** Whether the same request may succeed later (network error, timeout, 408/429/5xx…). */
  readonly retryable: boolean;
  /** The server's `Retry-After`, already parsed and capped, in ms. */
  readonly retryAfterMs: number | undefined;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { readonly type: 'retry'; readonly urlIndex: number; readonly delayMs: number }
  | { readonly type: 'fail' };

/**
 * Decides the next attempt (pure). Attempts walk the URLs in order and wrap around. A URL not
 * tried yet is tried at once (failover, even after a non-retryable error such as a 404 on one
 * CDN); a URL already tried is retried only for retryable failures, after `Retry-After` when
 * the server sent one, else after a full-jitter backoff.
 */
export function planRetry(
  failed: FailedAttempt,
  policy: RetryPolicy,
  rng: () => number,
): RetryDecision {
  const { attempt, urlCount } = failed;
  const urlIndex = (failed.urlIndex + 1) % urlCount;
  if (attempt < urlCount) return { type: 'retry', urlIndex, delayMs: 0 };
  if (!failed.retryable || attempt >= Math.max(policy.maxAttempts, urlCount)) {
    return { type: 'fail' };
  }
  const delayMs = failed.retryAfterMs ?? computeBackoffDelayMs(attempt - urlCount, policy, rng);
  return { type: 'retry', urlIndex, delayMs };
}

/** Exponential backoff parameters. */
export interface BackoffPolicy {
  /** Delay ceiling of the first backoff, in ms. @default 500 */
  readonly baseDelayMs: number;
  /** Growth of the ceiling per further backoff. @default 2 */
  readonly backoffFactor: number;
  /** Upper bound of any backoff delay, in ms. @default 10000 */
  readonly maxDelayMs: number;
}

/**
 * "Full jitter" backoff (AWS Architecture Blog, 2015): a delay drawn uniformly from
 * `[0, min(maxDelayMs, baseDelayMs × backoffFactor^retryIndex))`. `rng` returns a number in
 * `[0, 1)` (inject a seeded one for reproducible schedules).
 *
 * @param retryIndex 0 for the first backoff, 1 for the second, …
 * @returns the delay in ms (an integer)
 */
export function computeBackoffDelayMs(
  retryIndex: number,
  policy: BackoffPolicy,
  rng: () => number,
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * policy.backoffFactor ** Math.max(0, retryIndex),
  );
  const r = rng();
  const unit = r >= 0 && r < 1 ? r : 0;
  return Math.floor(unit * ceiling);
}

import { computeBackoffDelayMs, planRetry, type RetryPolicy } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  backoffFactor: 2,
  maxDelayMs: 3000,
  maxRetryAfterMs: 30_000,
};
const half = () => 0.5;

describe('computeBackoffDelayMs', () => {
  it('draws uniformly below an exponentially growing, capped ceiling', () => {
    expect([0, 1, 2, 3, 4].map((i) => computeBackoffDelayMs(i, policy, half))).toEqual([
      250, 500, 1000, 1500, 1500,
    ]);
    expect(computeBackoffDelayMs(2, policy, () => 0)).toBe(0);
    expect(computeBackoffDelayMs(2, policy, () => 0.999999)).toBe(1999);
    expect(computeBackoffDelayMs(0, policy, () => Number.NaN)).toBe(0);
  });
});

describe('planRetry', () => {
  const failed = { attempt: 1, urlIndex: 0, urlCount: 1, retryable: true, retryAfterMs: undefined };

  it('backs off on one URL until maxAttempts', () => {
    expect(planRetry(failed, policy, half)).toEqual({ type: 'retry', urlIndex: 0, delayMs: 250 });
    expect(planRetry({ ...failed, attempt: 3 }, policy, half)).toEqual({
      type: 'retry',
      urlIndex: 0,
      delayMs: 1000,
    });
    expect(planRetry({ ...failed, attempt: 4 }, policy, half)).toEqual({ type: 'fail' });
  });

  it('honours Retry-After instead of backoff', () => {
    expect(planRetry({ ...failed, retryAfterMs: 7000 }, policy, half)).toEqual({
      type: 'retry',
      urlIndex: 0,
      delayMs: 7000,
    });
  });

  it('fails at once on a non-retryable error with no untried URL', () => {
    expect(planRetry({ ...failed, retryable: false }, policy, half)).toEqual({ type: 'fail' });
  });

  it('fails over to untried alternatives at once, even for non-retryable errors, then wraps', () => {
    const three = { ...failed, urlCount: 3, retryable: false };
    expect(planRetry(three, policy, half)).toEqual({ type: 'retry', urlIndex: 1, delayMs: 0 });
    expect(
      planRetry({ ...three, attempt: 2, urlIndex: 1, retryAfterMs: 9000 }, policy, half),
    ).toEqual({
      type: 'retry',
      urlIndex: 2,
      delayMs: 0,
    });
    expect(planRetry({ ...three, attempt: 3, urlIndex: 2 }, policy, half)).toEqual({
      type: 'fail',
    });
    expect(planRetry({ ...three, attempt: 3, urlIndex: 2, retryable: true }, policy, half)).toEqual(
      {
        type: 'retry',
        urlIndex: 0,
        delayMs: 250,
      },
    );
    expect(planRetry({ ...three, attempt: 4, urlIndex: 0, retryable: true }, policy, half)).toEqual(
      {
        type: 'fail',
      },
    );
  });

  it('gives every alternative one attempt even when maxAttempts is smaller', () => {
    const five = { ...failed, urlCount: 5, attempt: 4, urlIndex: 3 };
    expect(planRetry(five, { ...policy, maxAttempts: 1 }, half)).toEqual({
      type: 'retry',
      urlIndex: 4,
      delayMs: 0,
    });
  });
});

import { fc, test } from '@fast-check/vitest';
import { planRetry, type RetryPolicy } from '@legato/fetch';
import { expect } from 'vitest';

const policy = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 8 }),
  baseDelayMs: fc.integer({ min: 0, max: 1000 }),
  backoffFactor: fc.double({ min: 1, max: 4, noNaN: true }),
  maxDelayMs: fc.integer({ min: 0, max: 20_000 }),
  maxRetryAfterMs: fc.integer({ min: 0, max: 60_000 }),
}) satisfies fc.Arbitrary<RetryPolicy>;
const failure = fc.record({
  retryable: fc.boolean(),
  retryAfterMs: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
});

test.prop([
  policy,
  fc.integer({ min: 1, max: 5 }),
  fc.array(failure, { minLength: 20, maxLength: 20 }),
  fc.double({ min: 0, max: 0.999, noNaN: true }),
])(
  'planRetry: bounded attempts, every alternative tried once at once, then bounded delays',
  (p, urlCount, failures, r) => {
    let attempt = 1;
    let urlIndex = 0;
    const used: number[] = [0];
    for (;;) {
      const f = failures[attempt - 1]!;
      const d = planRetry({ attempt, urlIndex, urlCount, ...f }, p, () => r);
      if (d.type === 'fail') {
        // Gave up only when every alternative was tried and retrying is pointless or spent.
        expect(attempt).toBeGreaterThanOrEqual(urlCount);
        expect(!f.retryable || attempt >= Math.max(p.maxAttempts, urlCount)).toBe(true);
        break;
      }
      expect(d.urlIndex).toBe((urlIndex + 1) % urlCount);
      if (attempt < urlCount) expect(d.delayMs).toBe(0);
      else if (f.retryAfterMs !== undefined) expect(d.delayMs).toBe(f.retryAfterMs);
      else {
        expect(d.delayMs).toBeGreaterThanOrEqual(0);
        expect(d.delayMs).toBeLessThanOrEqual(p.maxDelayMs);
      }
      attempt += 1;
      urlIndex = d.urlIndex;
      used.push(urlIndex);
    }
    expect(attempt).toBeLessThanOrEqual(Math.max(p.maxAttempts, urlCount));
    expect(used.slice(0, urlCount)).toEqual(
      Array.from({ length: Math.min(urlCount, used.length) }, (_, i) => i),
    );
  },
);

import { parseRetryAfterMs } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2015, 9, 21, 7, 28, 0);

  it('reads delay-seconds, capped', () => {
    expect(parseRetryAfterMs('3', now, 30_000)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', now, 30_000)).toBe(0);
    expect(parseRetryAfterMs('120', now, 30_000)).toBe(30_000);
  });

  it('reads the three HTTP-date forms against now', () => {
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', now, 60_000)).toBe(5000);
    expect(parseRetryAfterMs('Wednesday, 21-Oct-15 07:28:07 GMT', now, 60_000)).toBe(7000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 09:00:00 GMT', now, 60_000)).toBe(60_000);
  });

  it('gives 0 for a date in the past and undefined for garbage', () => {
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:00:00 GMT', now, 60_000)).toBe(0);
    for (const v of [null, undefined, '', '-5', '1.5', 'soon', '2015-10-21']) {
      expect(parseRetryAfterMs(v, now, 60_000), String(v)).toBeUndefined();
    }
  });
});

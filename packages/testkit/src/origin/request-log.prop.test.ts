import { fc, test } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import { createRequestLog } from './request-log.js';

test.prop([fc.integer({ min: 1, max: 20 }), fc.array(fc.integer(), { maxLength: 100 })])(
  'keeps the last `capacity` entries, oldest first, and counts every push',
  (capacity, pushed) => {
    const log = createRequestLog<number>(capacity);
    for (const n of pushed) log.push(n);
    expect(log.list()).toEqual(pushed.slice(Math.max(0, pushed.length - capacity)));
    expect(log.total).toBe(pushed.length);
  },
);

it('refuses a capacity that is not a positive integer', () => {
  for (const bad of [0, -1, 1.5, Number.NaN])
    expect(() => createRequestLog(bad)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
});

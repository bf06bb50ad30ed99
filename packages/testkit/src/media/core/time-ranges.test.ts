import { describe, expect, it } from 'vitest';
import { addTimeRange, rangeAt, removeTimeRange } from './time-ranges.js';

describe('time ranges', () => {
  it('merges adjacent and overlapping ranges, keeps gaps', () => {
    let r = addTimeRange([], 10, 20);
    r = addTimeRange(r, 30, 40);
    expect(r).toEqual([
      { startS: 10, endS: 20 },
      { startS: 30, endS: 40 },
    ]);
    r = addTimeRange(r, 20, 30.0000000001);
    expect(r).toEqual([{ startS: 10, endS: 40 }]);
    expect(addTimeRange(r, 5, 5)).toEqual(r);
  });

  it('cuts ranges and finds the one holding a position (end exclusive)', () => {
    const r = removeTimeRange([{ startS: 0, endS: 30 }], 10, 20);
    expect(r).toEqual([
      { startS: 0, endS: 10 },
      { startS: 20, endS: 30 },
    ]);
    expect(rangeAt(r, 9.5)).toEqual({ startS: 0, endS: 10 });
    expect(rangeAt(r, 10)).toBeUndefined();
    expect(rangeAt(r, 20)).toEqual({ startS: 20, endS: 30 });
  });
});

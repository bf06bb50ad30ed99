import { parseRangeHeader } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

describe('parseRangeHeader', () => {
  it('reads first-last, first- and -suffix, clamping to the resource', () => {
    expect(parseRangeHeader('bytes=0-99', 1000)).toEqual({ type: 'range', start: 0, end: 99 });
    expect(parseRangeHeader('bytes=900-', 1000)).toEqual({ type: 'range', start: 900, end: 999 });
    expect(parseRangeHeader('bytes=-100', 1000)).toEqual({ type: 'range', start: 900, end: 999 });
    expect(parseRangeHeader('bytes=-5000', 1000)).toEqual({ type: 'range', start: 0, end: 999 });
    expect(parseRangeHeader('bytes=990-5000', 1000)).toEqual({
      type: 'range',
      start: 990,
      end: 999,
    });
  });

  it('answers none for missing, malformed and multi-range headers', () => {
    for (const v of [undefined, 'bytes=', 'items=0-1', 'bytes=5-1', 'bytes=0-1,5-6', 'bytes=a-b']) {
      expect(parseRangeHeader(v, 1000), String(v)).toEqual({ type: 'none' });
    }
  });

  it('answers unsatisfiable past the end and for an empty suffix', () => {
    expect(parseRangeHeader('bytes=1000-1001', 1000)).toEqual({ type: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-0', 1000)).toEqual({ type: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=0-0', 0)).toEqual({ type: 'unsatisfiable' });
  });
});

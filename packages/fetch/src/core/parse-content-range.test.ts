import { parseContentRange } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

describe('parseContentRange', () => {
  it('reads a satisfied range with and without a complete length', () => {
    expect(parseContentRange('bytes 1352-1079003/4000000')).toEqual({
      start: 1352,
      end: 1079003,
      sizeBytes: 4000000,
    });
    expect(parseContentRange('BYTES 0-0/*')).toEqual({ start: 0, end: 0, sizeBytes: undefined });
  });

  it('refuses missing, unsatisfied, malformed and contradictory values', () => {
    for (const v of [
      null,
      undefined,
      '',
      'bytes */1234',
      'bytes 10-5/100',
      'bytes 0-100/100',
      'items 0-1/2',
      'bytes 0-1',
      'bytes -1-5/10',
      'bytes 1.5-2/10',
    ]) {
      expect(parseContentRange(v), String(v)).toBeUndefined();
    }
  });
});

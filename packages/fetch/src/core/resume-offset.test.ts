import { createBodyAssembler, resumeOffset } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

describe('resumeOffset', () => {
  it('keeps validated bytes for a same-URL retry after a reset, stall or truncation', () => {
    for (const code of [
      'FETCH_NETWORK',
      'FETCH_TIMEOUT',
      'FETCH_BODY_TRUNCATED',
      'FETCH_HTTP_503',
    ]) {
      expect(resumeOffset(70_000, 200_000, code, true), code).toBe(70_000);
    }
  });

  it('restarts after a range mismatch, a full body too short, or a URL change', () => {
    expect(resumeOffset(70_000, 200_000, 'FETCH_RANGE_MISMATCH', true)).toBe(0);
    expect(resumeOffset(70_000, 200_000, 'FETCH_RANGE_OUTSIDE_BODY', true)).toBe(0);
    expect(resumeOffset(70_000, 200_000, 'FETCH_NETWORK', false)).toBe(0);
  });

  it('re-asks for the last byte when every byte had arrived', () => {
    expect(resumeOffset(200_000, 200_000, 'FETCH_NETWORK', true)).toBe(199_999);
    expect(resumeOffset(0, 1, 'FETCH_NETWORK', true)).toBe(0);
  });
});

describe('createBodyAssembler with a resume target', () => {
  it('fills the rest of the range buffer and returns the whole range', () => {
    const whole = new Uint8Array(6);
    whole.set([1, 2], 0); // kept by an earlier attempt
    const a = createBodyAssembler(
      { skipBytes: 0, takeBytes: 4, expectedBodyBytes: 4, fromFullBody: false },
      { bytes: whole, offset: 2 },
    );
    a.push(Uint8Array.of(3, 4, 5));
    a.push(Uint8Array.of(6));
    expect(a.keptBytes).toBe(4);
    expect(a.finish()).toBe(whole);
    expect([...whole]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a target that does not fit the plan', () => {
    expect(() =>
      createBodyAssembler(
        { skipBytes: 0, takeBytes: 4, expectedBodyBytes: 4, fromFullBody: false },
        { bytes: new Uint8Array(6), offset: 1 },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

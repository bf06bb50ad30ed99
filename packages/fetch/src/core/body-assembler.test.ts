import { createBodyAssembler } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

const bytes = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
/** An exact 206 body of `n` bytes. */
const exact = (n: number) =>
  createBodyAssembler({ skipBytes: 0, takeBytes: n, expectedBodyBytes: n, fromFullBody: false });
/** A whole 200 body, of known or unknown length. */
const whole = (expectedBodyBytes: number | undefined) =>
  createBodyAssembler({
    skipBytes: 0,
    takeBytes: undefined,
    expectedBodyBytes,
    fromFullBody: false,
  });

describe('createBodyAssembler', () => {
  it('assembles an exact 206 body across chunks, done once the promised length is in', () => {
    const a = exact(6);
    expect(a.push(bytes(4))).toBe(false);
    // All promised bytes: no need to wait for the body's end (a server may never send it).
    expect(a.push(bytes(2, 4))).toBe(true);
    expect(a.receivedBytes).toBe(6);
    expect(a.finish()).toEqual(bytes(6));
  });

  it('keeps a single exact chunk without copying', () => {
    const chunk = bytes(8);
    const a = exact(8);
    a.push(chunk);
    expect(a.finish()).toBe(chunk);
  });

  it('throws FETCH_RANGE_MISMATCH when the body outgrows its promise', () => {
    const a = exact(4);
    a.push(bytes(3));
    expect(() => a.push(bytes(2))).toThrow(
      expect.objectContaining({ code: 'FETCH_RANGE_MISMATCH' }),
    );
  });

  it('throws FETCH_BODY_TRUNCATED when the body ends short', () => {
    const a = exact(4);
    a.push(bytes(3));
    expect(() => a.finish()).toThrow(
      expect.objectContaining({ code: 'FETCH_BODY_TRUNCATED', retryable: true }),
    );
    const unfinished = whole(10);
    unfinished.push(bytes(9));
    expect(() => unfinished.finish()).toThrow(
      expect.objectContaining({ code: 'FETCH_BODY_TRUNCATED' }),
    );
    const slice = createBodyAssembler({
      skipBytes: 5,
      takeBytes: 5,
      expectedBodyBytes: undefined,
      fromFullBody: true,
    });
    slice.push(bytes(7));
    expect(() => slice.finish()).toThrow(expect.objectContaining({ code: 'FETCH_BODY_TRUNCATED' }));
  });

  it('slices a full body and says when the rest is not needed', () => {
    const a = createBodyAssembler({
      skipBytes: 3,
      takeBytes: 4,
      expectedBodyBytes: 100,
      fromFullBody: true,
    });
    expect(a.push(bytes(2))).toBe(false);
    expect(a.push(bytes(3, 2))).toBe(false);
    expect(a.push(bytes(5, 5))).toBe(true);
    expect(a.finish()).toEqual(bytes(4, 3));
  });

  it('concatenates a body of unknown length', () => {
    const a = whole(undefined);
    a.push(bytes(3));
    a.push(new Uint8Array(0));
    a.push(bytes(3, 3));
    expect(a.finish()).toEqual(bytes(6));
    const empty = whole(0);
    expect(empty.finish()).toEqual(new Uint8Array(0));
  });

  it('throws FETCH_BODY_TOO_LARGE when an unranged body grows past its cap', () => {
    const a = createBodyAssembler({
      skipBytes: 0,
      takeBytes: undefined,
      expectedBodyBytes: undefined,
      fromFullBody: false,
      maxBodyBytes: 5,
    });
    a.push(bytes(5));
    expect(() => a.push(bytes(1))).toThrow(
      expect.objectContaining({ code: 'FETCH_BODY_TOO_LARGE', retryable: false }),
    );
  });
});

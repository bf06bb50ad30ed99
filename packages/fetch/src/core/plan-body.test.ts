import { planBody, type ResponseFacts } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

const range = { start: 100, end: 199 };
const facts = (f: Partial<ResponseFacts>): ResponseFacts => ({
  status: 206,
  contentRange: null,
  contentLength: null,
  contentEncoding: null,
  ...f,
});

describe('planBody', () => {
  it('accepts a 206 whose Content-Range and Content-Length match the request', () => {
    expect(
      planBody(range, facts({ contentRange: 'bytes 100-199/5000', contentLength: '100' })),
    ).toEqual({
      skipBytes: 0,
      takeBytes: 100,
      expectedBodyBytes: 100,
      fromFullBody: false,
    });
    expect(planBody(range, facts({ contentRange: 'bytes 100-199/*' }))).toMatchObject({
      takeBytes: 100,
    });
  });

  it('refuses a 206 with a missing, shifted or short Content-Range, or a wrong length', () => {
    expect(planBody(range, facts({}))).toMatchObject({
      code: 'FETCH_RANGE_MISMATCH',
      retryable: true,
      message: expect.stringContaining('Access-Control-Expose-Headers'),
    });
    expect(planBody(range, facts({ contentRange: 'bytes 101-200/5000' }))).toMatchObject({
      code: 'FETCH_RANGE_MISMATCH',
      message: 'expected Content-Range "bytes 100-199/*", received "bytes 101-200/5000"',
    });
    expect(planBody(range, facts({ contentRange: 'bytes 100-150/5000' }))).toMatchObject({
      code: 'FETCH_RANGE_MISMATCH',
    });
    expect(
      planBody(range, facts({ contentRange: 'bytes 100-199/5000', contentLength: '99' })),
    ).toMatchObject({
      code: 'FETCH_RANGE_MISMATCH',
      message: expect.stringContaining('received 99'),
    });
    expect(planBody(undefined, facts({ contentRange: 'bytes 0-1/2' }))).toMatchObject({
      code: 'FETCH_RANGE_MISMATCH',
    });
  });

  it('slices a 200 full body that is long enough, flagged fromFullBody', () => {
    expect(planBody(range, facts({ status: 200, contentLength: '200' }))).toEqual({
      skipBytes: 100,
      takeBytes: 100,
      expectedBodyBytes: 200,
      fromFullBody: true,
    });
    expect(planBody(range, facts({ status: 200 }))).toMatchObject({
      expectedBodyBytes: undefined,
      fromFullBody: true,
    });
    expect(planBody(range, facts({ status: 200, contentLength: '199' }))).toMatchObject({
      code: 'FETCH_RANGE_OUTSIDE_BODY',
      retryable: false,
    });
  });

  it('takes a whole 200 body without a range, ignoring Content-Length of a coded body', () => {
    expect(planBody(undefined, facts({ status: 200, contentLength: '42' }))).toEqual({
      skipBytes: 0,
      takeBytes: undefined,
      expectedBodyBytes: 42,
      fromFullBody: false,
    });
    expect(
      planBody(undefined, facts({ status: 200, contentLength: '42', contentEncoding: 'gzip' })),
    ).toMatchObject({ expectedBodyBytes: undefined });
    expect(
      planBody(undefined, facts({ status: 200, contentLength: '42', contentEncoding: 'identity' })),
    ).toMatchObject({ expectedBodyBytes: 42 });
    expect(planBody(undefined, facts({ status: 200, contentLength: 'lots' }))).toMatchObject({
      expectedBodyBytes: undefined,
    });
  });

  it('caps a body without a range at maxBodyBytes', () => {
    expect(planBody(undefined, facts({ status: 200, contentLength: '1001' }), 1000)).toMatchObject({
      code: 'FETCH_BODY_TOO_LARGE',
      retryable: false,
    });
    expect(planBody(undefined, facts({ status: 200 }), 1000)).toMatchObject({
      expectedBodyBytes: undefined,
      maxBodyBytes: 1000,
    });
    expect(planBody(range, facts({ status: 200, contentLength: '5000' }), 1000)).toMatchObject({
      fromFullBody: true,
    });
  });
});

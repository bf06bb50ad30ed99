import { classifyHttpStatus } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

describe('classifyHttpStatus', () => {
  it('accepts 200 and 206 only', () => {
    expect(classifyHttpStatus(200, 'media')).toBeUndefined();
    expect(classifyHttpStatus(206, 'media')).toBeUndefined();
    expect(classifyHttpStatus(204, 'media')).toEqual({ code: 'FETCH_HTTP_204', retryable: false });
  });

  it('maps 403 on segment bytes to FETCH_FORBIDDEN and elsewhere to FETCH_HTTP_403', () => {
    for (const kind of ['media', 'init', 'index'] as const) {
      expect(classifyHttpStatus(403, kind)).toEqual({ code: 'FETCH_FORBIDDEN', retryable: false });
    }
    expect(classifyHttpStatus(403, 'manifest')).toEqual({
      code: 'FETCH_HTTP_403',
      retryable: false,
    });
  });

  it('retries 408, 429 and 5xx, not other 4xx', () => {
    expect(classifyHttpStatus(416, 'media')?.code).toBe('FETCH_RANGE_NOT_SATISFIABLE');
    for (const s of [408, 429, 500, 502, 503, 504, 599]) {
      expect(classifyHttpStatus(s, 'media')).toEqual({ code: `FETCH_HTTP_${s}`, retryable: true });
    }
    for (const s of [400, 401, 404, 410, 451, 302]) {
      expect(classifyHttpStatus(s, 'media')).toEqual({ code: `FETCH_HTTP_${s}`, retryable: false });
    }
  });
});

import {
  describeErrorCode,
  errorCodes,
  hasErrorCode,
  isLegatoError,
  LegatoError,
} from '@legato/errors';
import { describe, expect, it } from 'vitest';

describe('LegatoError', () => {
  it('carries code, retryable, cause and details', () => {
    const cause = new TypeError('fetch failed');
    const e = new LegatoError('FETCH_NETWORK', 'network down', {
      retryable: true,
      cause,
      details: { url: 'https://cdn.example/a.mp4' },
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('FETCH_NETWORK');
    expect(e.retryable).toBe(true);
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('LegatoError');
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'LegatoError',
      code: 'FETCH_NETWORK',
      message: 'network down',
      retryable: true,
      details: { url: 'https://cdn.example/a.mp4' },
      cause: { name: 'TypeError', message: 'fetch failed' },
    });
  });

  it('defaults retryable to the registry value of its code and serializes nested causes', () => {
    const inner = new LegatoError('FETCH_HTTP_503', 'unavailable');
    const outer = new LegatoError('FETCH_ALL_URLS_FAILED', 'all failed', { cause: inner });
    expect(inner.retryable).toBe(true); // HTTP family: 408, 429, 5xx
    expect(outer.retryable).toBe(false);
    expect(outer.toJSON().cause).toMatchObject({ code: 'FETCH_HTTP_503', retryable: true });
    expect(new LegatoError('LICENSE_NETWORK', 'offline').retryable).toBe(true);
    expect(new LegatoError('LICENSE_NETWORK', 'offline', { retryable: false }).retryable).toBe(
      false,
    );
    expect(new LegatoError('LICENSE_DENIED', '403', { retryable: true }).retryable).toBe(true);
    expect(new LegatoError('NOT_IN_THE_REGISTRY', 'x').retryable).toBe(false);
  });

  it("takes every registry code's retryable when none is given", () => {
    for (const [code, info] of Object.entries(errorCodes)) {
      expect({ code, retryable: new LegatoError(code, 'x').retryable }).toEqual({
        code,
        retryable: info.retryable,
      });
    }
    for (let status = 100; status <= 599; status++) {
      const code = `FETCH_HTTP_${status}`;
      expect(new LegatoError(code, 'x').retryable).toBe(describeErrorCode(code)?.retryable);
    }
  });

  it('is recognised across package copies by brand, not instanceof', () => {
    const foreign = Object.create(Object.prototype) as Record<PropertyKey, unknown>;
    foreign[Symbol.for('@legato/errors/LegatoError')] = true;
    foreign.code = 'MPD_NOT_MPD';
    expect(isLegatoError(foreign)).toBe(true);
    expect(isLegatoError(new Error('x'))).toBe(false);
    expect(isLegatoError(null)).toBe(false);
    expect(isLegatoError('MPD_NOT_MPD')).toBe(false);
    expect(hasErrorCode(new LegatoError('MPD_NOT_MPD', 'x'), 'MPD_NOT_MPD')).toBe(true);
    expect(hasErrorCode(new LegatoError('MPD_NOT_MPD', 'x'), 'MPD_TOO_DEEP')).toBe(false);
  });

  it('documents every code and resolves the HTTP family', () => {
    for (const [code, info] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(info.description.length).toBeGreaterThan(10);
    }
    expect(describeErrorCode('FETCH_HTTP_404')).toMatchObject({ retryable: false });
    expect(describeErrorCode('FETCH_HTTP_503')).toMatchObject({ retryable: true });
    expect(describeErrorCode('FETCH_HTTP_429')).toMatchObject({ retryable: true });
    expect(describeErrorCode('NOPE')).toBeUndefined();
  });
});

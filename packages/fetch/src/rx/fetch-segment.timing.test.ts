import {
  type FetchSegmentOptions,
  fetchSegment$,
  type HttpEvent,
  type SegmentRequest,
} from '@legato/fetch';
import { describe, expect, it } from 'vitest';
import { bytes, chunk, head, marbles, scriptedHttp } from '../_test/fake-http.js';

const request: SegmentRequest = {
  urls: ['https://cdn.example/t.mp4'],
  range: { start: 0, end: 3 },
  kind: 'media',
};
const ok = { h: head(206, { 'content-range': 'bytes 0-3/10' }), a: chunk(bytes(4)) };
const retry = { baseDelayMs: 100, backoffFactor: 2, maxDelayMs: 10_000 };
const half = () => 0.5;

describe('fetchSegment$ retries (virtual time)', () => {
  it('backs off with full jitter: 50, 100, 200 ms for rng 0.5, then succeeds', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const fail = [0, 1, 2].map(() => cold('-h', { h: head(503) }));
      const good = cold('-h(a|)', ok);
      const { http } = scriptedHttp([...fail.map((c) => () => c), () => good]);
      expectObservable(fetchSegment$(request, { http, rng: half, retry })).toBe('355ms (ab|)', {
        a: expect.objectContaining({ type: 'progress', attempt: 4 }),
        b: expect.objectContaining({ type: 'complete', attempts: 4, bytes: bytes(4) }),
      });
      expectSubscriptions(fail[0]!.subscriptions).toBe('^!');
      expectSubscriptions(fail[1]!.subscriptions).toBe('51ms ^!');
      expectSubscriptions(fail[2]!.subscriptions).toBe('152ms ^!');
      expectSubscriptions(good.subscriptions).toBe('353ms ^-!');
    });
  });

  it('gives up after maxAttempts with the last error, retryable, and the attempt count', () => {
    marbles(({ cold, expectObservable }) => {
      const fail = () => cold('-h', { h: head(503) });
      const { http } = scriptedHttp([fail, fail]);
      const options: FetchSegmentOptions = { http, rng: half, retry: { ...retry, maxAttempts: 2 } };
      expectObservable(fetchSegment$(request, options)).toBe(
        '52ms #',
        undefined,
        expect.objectContaining({
          code: 'FETCH_HTTP_503',
          retryable: true,
          details: expect.objectContaining({ attempts: 2, status: 503 }),
        }),
      );
    });
  });

  it('waits Retry-After seconds instead of backing off', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const busy = cold('-h', { h: head(503, { 'retry-after': '2' }) });
      const good = cold('-h(a|)', ok);
      const { http } = scriptedHttp([() => busy, () => good]);
      expectObservable(fetchSegment$(request, { http, rng: half, retry })).toBe('2003ms (ab|)', {
        a: expect.anything(),
        b: expect.objectContaining({ type: 'complete' }),
      });
      expectSubscriptions(good.subscriptions).toBe('2001ms ^-!');
    });
  });

  it('reads a Retry-After HTTP date against the scheduler clock, and caps it', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      // The TestScheduler clock starts at epoch 0; the 429 arrives at 1 ms.
      const limited = cold('-h', {
        h: head(429, { 'retry-after': 'Thu, 01 Jan 1970 00:00:03 GMT' }),
      });
      const good = cold('-h(a|)', ok);
      const { http } = scriptedHttp([() => limited, () => good]);
      expectObservable(fetchSegment$(request, { http, retry })).toBe('3002ms (ab|)', {
        a: expect.anything(),
        b: expect.anything(),
      });
      expectSubscriptions(good.subscriptions).toBe('3000ms ^-!');
    });
    marbles(({ cold, expectSubscriptions }) => {
      const busy = cold('-h', { h: head(503, { 'retry-after': '3600' }) });
      const good = cold('-h(a|)', ok);
      const { http } = scriptedHttp([() => busy, () => good]);
      fetchSegment$(request, { http, retry: { ...retry, maxRetryAfterMs: 5000 } }).subscribe();
      expectSubscriptions(good.subscriptions).toBe('5001ms ^-!');
    });
  });
});

describe('fetchSegment$ timeouts (virtual time)', () => {
  const once = { maxAttempts: 1 };

  it('times out waiting for the response head', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold<HttpEvent>('');
      const { http } = scriptedHttp([() => silent]);
      const options: FetchSegmentOptions = { http, retry: once, timeouts: { firstByteMs: 100 } };
      expectObservable(fetchSegment$(request, options)).toBe(
        '100ms #',
        undefined,
        expect.objectContaining({
          code: 'FETCH_TIMEOUT',
          retryable: true,
          details: expect.objectContaining({ phase: 'firstByte', timeoutMs: 100 }),
        }),
      );
      expectSubscriptions(silent.subscriptions).toBe('^ 99ms !');
    });
  });

  it('times out when the body stalls, and resumes with the rest of the range', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const stalled = cold('-h-a', {
        h: head(206, { 'content-range': 'bytes 0-3/10' }),
        a: chunk(bytes(2)),
      });
      const rest = cold('-h(a|)', {
        h: head(206, { 'content-range': 'bytes 2-3/10' }),
        a: chunk(bytes(2, 2)),
      });
      const { http, requests } = scriptedHttp([() => stalled, () => rest]);
      const options: FetchSegmentOptions = { http, rng: () => 0, timeouts: { stallMs: 50 } };
      expectObservable(fetchSegment$(request, options)).toBe('---a 50ms -(bc|)', {
        a: expect.objectContaining({ type: 'progress', attempt: 1, loadedBytes: 2 }),
        b: expect.objectContaining({ type: 'progress', attempt: 2, loadedBytes: 2, totalBytes: 2 }),
        c: expect.objectContaining({
          type: 'complete',
          attempts: 2,
          bytes: bytes(4),
          resumedBytes: 2,
        }),
      });
      expectSubscriptions(stalled.subscriptions).toBe('^ 52ms !');
      return () =>
        expect(requests.map((r) => r.headers['Range'])).toEqual(['bytes=0-3', 'bytes=2-3']);
    });
  });

  it('restarts the whole range when resuming is off, or after a range mismatch', () => {
    marbles(({ cold, expectObservable }) => {
      const stalled = cold('-h-a', {
        h: head(206, { 'content-range': 'bytes 0-3/10' }),
        a: chunk(bytes(2)),
      });
      const { http, requests } = scriptedHttp([() => stalled, () => cold('-h(a|)', ok)]);
      const options: FetchSegmentOptions = {
        http,
        rng: () => 0,
        timeouts: { stallMs: 50 },
        resumeInterrupted: false,
      };
      expectObservable(fetchSegment$(request, options)).toBe('---a 50ms -(bc|)', {
        a: expect.anything(),
        b: expect.objectContaining({ loadedBytes: 4 }),
        c: expect.objectContaining({ bytes: bytes(4), resumedBytes: 0 }),
      });
      return () =>
        expect(requests.map((r) => r.headers['Range'])).toEqual(['bytes=0-3', 'bytes=0-3']);
    });
    marbles(({ cold, expectObservable }) => {
      // 2 good bytes, then the body overflows its promise: a mismatch throws the kept bytes away.
      const overflow = cold('-h-a-b', {
        h: head(206, { 'content-range': 'bytes 0-3/10', 'content-length': '4' }),
        a: chunk(bytes(2)),
        b: chunk(bytes(3, 2)),
      });
      const { http, requests } = scriptedHttp([() => overflow, () => cold('-h(a|)', ok)]);
      expectObservable(fetchSegment$(request, { http, rng: () => 0 })).toBe('---a---(bc|)', {
        a: expect.anything(),
        b: expect.anything(),
        c: expect.objectContaining({ bytes: bytes(4), resumedBytes: 0, attempts: 2 }),
      });
      return () =>
        expect(requests.map((r) => r.headers['Range'])).toEqual(['bytes=0-3', 'bytes=0-3']);
    });
  });

  it('times out a slow but steady body on the total limit', () => {
    marbles(({ cold, expectObservable }) => {
      const trickle = cold('-h-a-a-a-a-a-a', {
        h: head(206, { 'content-range': 'bytes 0-99/100' }),
        a: chunk(bytes(1)),
      });
      const { http } = scriptedHttp([() => trickle]);
      const options: FetchSegmentOptions = {
        http,
        retry: once,
        timeouts: { stallMs: 5, totalMs: 8 },
      };
      expectObservable(fetchSegment$({ ...request, range: { start: 0, end: 99 } }, options)).toBe(
        '---a-a-a#',
        { a: expect.objectContaining({ type: 'progress' }) },
        expect.objectContaining({
          code: 'FETCH_TIMEOUT',
          details: expect.objectContaining({ phase: 'total' }),
        }),
      );
    });
  });
});

describe('fetchSegment$ cancellation (virtual time)', () => {
  it('aborts while waiting for the head', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('-----h', ok);
      const { http } = scriptedHttp([() => slow]);
      expectObservable(fetchSegment$(request, { http }), '--!').toBe('');
      expectSubscriptions(slow.subscriptions).toBe('^-!');
    });
  });

  it('aborts mid-body with no late events', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const body = cold('-h-a----a|', {
        h: head(206, { 'content-range': 'bytes 0-3/10' }),
        a: chunk(bytes(2)),
      });
      const { http } = scriptedHttp([() => body]);
      expectObservable(fetchSegment$(request, { http }), '-----!').toBe('---a', {
        a: expect.objectContaining({ type: 'progress' }),
      });
      expectSubscriptions(body.subscriptions).toBe('^----!');
    });
  });

  it('cancels a pending retry: no request after unsubscribe during backoff', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const busy = cold('-h', { h: head(503) });
      const never = cold('-h(a|)', ok);
      const { http, requests } = scriptedHttp([() => busy, () => never]);
      expectObservable(fetchSegment$(request, { http, rng: half, retry }), '20ms !').toBe('');
      expectSubscriptions(never.subscriptions).toBe([]);
      return () => expect(requests).toHaveLength(1);
    });
  });

  it('is cold: each subscription fetches anew', () => {
    marbles(({ cold, expectObservable }) => {
      const res = () => cold('-h(a|)', ok);
      const { http, requests } = scriptedHttp([res, res]);
      const fetch$ = fetchSegment$(request, { http });
      expect(requests).toHaveLength(0);
      expectObservable(fetch$).toBe('--(ab|)', { a: expect.anything(), b: expect.anything() });
      expectObservable(fetch$).toBe('--(ab|)', { a: expect.anything(), b: expect.anything() });
      return () => expect(requests).toHaveLength(2);
    });
  });
});

import { type FetchSegmentOptions, fetchSegment$, type SegmentRequest } from '@legato/fetch';
import { describe, expect, it } from 'vitest';
import { bytes, chunk, head, marbles, media, ok206, scriptedHttp } from '../_test/fake-http.js';

describe('fetchSegment$ (virtual time, scripted HTTP)', () => {
  it('emits progress per chunk, then the exact bytes as soon as all promised bytes are in', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      // The body never ends (a server that forgets to): its Content-Range length is enough, and
      // the response is dropped (aborted) at once rather than held open.
      const res = cold('--h-a-b-', {
        h: ok206(10, 13),
        a: chunk(bytes(2, 10)),
        b: chunk(bytes(2, 12)),
      });
      const { http, requests } = scriptedHttp([() => res]);
      const url = media().urls[0];
      expectObservable(fetchSegment$(media(), { http })).toBe('----a-(bc|)', {
        a: {
          type: 'progress',
          loadedBytes: 2,
          totalBytes: 4,
          deltaBytes: 2,
          deltaMs: 2,
          elapsedMs: 4,
          nowMs: 4,
          firstByteMs: 2,
          attempt: 1,
          url,
        },
        b: {
          type: 'progress',
          loadedBytes: 4,
          totalBytes: 4,
          deltaBytes: 2,
          deltaMs: 2,
          elapsedMs: 6,
          nowMs: 6,
          firstByteMs: 2,
          attempt: 1,
          url,
        },
        c: {
          type: 'complete',
          bytes: bytes(4, 10),
          url,
          status: 206,
          firstByteMs: 2,
          durationMs: 6,
          fromFullBody: false,
          attempts: 1,
          loadedBytes: 4,
          resumedBytes: 0,
        },
      });
      expectSubscriptions(res.subscriptions).toBe('^-----!');
      // No default headers: exactly the Range header goes out.
      return () =>
        expect(requests).toEqual([{ url, method: 'GET', headers: { Range: 'bytes=10-13' } }]);
    });
  });

  it('slices a 200 full body and stops reading once the range is in', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const res = cold('-h-a-b-c|', {
        h: head(200, { 'content-length': '12' }),
        a: chunk(bytes(4, 0)),
        b: chunk(bytes(4, 4)),
        c: chunk(bytes(4, 8)),
      });
      const { http } = scriptedHttp([() => res]);
      expectObservable(fetchSegment$(media({ start: 2, end: 5 }), { http })).toBe('---a-(bc|)', {
        a: expect.objectContaining({ type: 'progress', loadedBytes: 4, totalBytes: 12 }),
        b: expect.objectContaining({ type: 'progress', loadedBytes: 8 }),
        c: expect.objectContaining({
          type: 'complete',
          bytes: bytes(4, 2),
          status: 200,
          fromFullBody: true,
          loadedBytes: 8,
        }),
      });
      expectSubscriptions(res.subscriptions).toBe('^----!');
    });
  });

  it('fails over to the next BaseURL at once after a 404', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-h', { h: head(404) });
      const b = cold('-h(a|)', { h: ok206(0, 1), a: chunk(bytes(2)) });
      const { http, requests } = scriptedHttp([() => a, () => b]);
      const request: SegmentRequest = {
        urls: ['https://a.example/t.mp4', 'https://b.example/t.mp4'],
        range: { start: 0, end: 1 },
        kind: 'media',
      };
      expectObservable(fetchSegment$(request, { http })).toBe('---(ab|)', {
        a: expect.objectContaining({
          type: 'progress',
          attempt: 2,
          url: 'https://b.example/t.mp4',
        }),
        b: expect.objectContaining({
          type: 'complete',
          attempts: 2,
          url: 'https://b.example/t.mp4',
        }),
      });
      expectSubscriptions(b.subscriptions).toBe('-^-!');
      return () => expect(requests.map((r) => r.url)).toEqual(request.urls);
    });
  });

  it('reports a non-retryable status at once with a redacted URL', () => {
    marbles(({ cold, expectObservable }) => {
      const { http } = scriptedHttp([() => cold('-h', { h: head(404) })]);
      expectObservable(fetchSegment$(media(), { http })).toBe(
        '-#',
        undefined,
        expect.objectContaining({
          code: 'FETCH_HTTP_404',
          retryable: false,
          message:
            'expected 200 or 206 from https://cdn-a.example/t.mp4?<redacted>, received 404 (1 attempt)',
          details: {
            url: 'https://cdn-a.example/t.mp4?<redacted>',
            attempt: 1,
            attempts: 1,
            status: 404,
          },
        }),
      );
    });
  });

  it('surfaces 403 on media as FETCH_FORBIDDEN, even across alternatives', () => {
    marbles(({ cold, expectObservable }) => {
      const forbidden = () => cold('-h', { h: head(403) });
      const { http } = scriptedHttp([forbidden, forbidden]);
      const request: SegmentRequest = {
        ...media(),
        urls: ['https://a.example/x', 'https://b.example/x'],
      };
      expectObservable(fetchSegment$(request, { http })).toBe(
        '--#',
        undefined,
        expect.objectContaining({
          code: 'FETCH_FORBIDDEN',
          details: expect.objectContaining({ attempts: 2, status: 403 }),
        }),
      );
    });
  });

  it('wraps the last failure in FETCH_ALL_URLS_FAILED when every alternative failed', () => {
    marbles(({ cold, expectObservable }) => {
      const { http } = scriptedHttp([
        () => cold('-h', { h: head(404) }),
        () => cold('-h', { h: head(410) }),
      ]);
      const request: SegmentRequest = {
        ...media(),
        urls: ['https://a.example/x?sig=1', 'https://b.example/x'],
      };
      expectObservable(fetchSegment$(request, { http })).toBe(
        '--#',
        undefined,
        expect.objectContaining({
          code: 'FETCH_ALL_URLS_FAILED',
          retryable: false,
          cause: expect.objectContaining({ code: 'FETCH_HTTP_410' }),
          details: {
            attempts: 2,
            urls: ['https://a.example/x?<redacted>', 'https://b.example/x'],
            lastCode: 'FETCH_HTTP_410',
            status: 410,
          },
        }),
      );
    });
  });

  it('retries a 206 with the wrong Content-Range, and a network error', () => {
    marbles(({ cold, expectObservable }) => {
      const { http } = scriptedHttp([
        () => cold('-h', { h: ok206(11, 14) }),
        () => cold('-#', undefined, new TypeError('fetch failed')),
        () => cold('-h(a|)', { h: ok206(10, 13), a: chunk(bytes(4, 10)) }),
      ]);
      const options: FetchSegmentOptions = { http, rng: () => 0.5, retry: { baseDelayMs: 10 } };
      // 1 + 5 (backoff 0) + 1 + 10 (backoff 1) + 2
      expectObservable(fetchSegment$(media(), options)).toBe('19ms (ab|)', {
        a: expect.objectContaining({ type: 'progress', attempt: 3 }),
        b: expect.objectContaining({ type: 'complete', attempts: 3, bytes: bytes(4, 10) }),
      });
    });
  });

  it('refuses bad requests and insecure URLs before any request', () => {
    marbles(({ expectObservable }) => {
      const { http, requests } = scriptedHttp([]);
      expectObservable(fetchSegment$(media({ start: 5, end: 4 }), { http })).toBe(
        '#',
        undefined,
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: 'request.range: expected integers 0 ≤ start ≤ end, received "5-4"',
        }),
      );
      expectObservable(fetchSegment$({ ...media(), urls: [] }, { http })).toBe(
        '#',
        undefined,
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
      expectObservable(
        fetchSegment$({ ...media(), urls: ['http://cdn.example/t.mp4'] }, { http }),
      ).toBe('#', undefined, expect.objectContaining({ code: 'INSECURE_ORIGIN' }));
      expectObservable(fetchSegment$(media(), { http, retry: { maxAttempts: 0 } })).toBe(
        '#',
        undefined,
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('retry.maxAttempts'),
        }),
      );
      return () => expect(requests).toEqual([]);
    });
  });
});

import { type FetchSegmentOptions, fetchSegment$, type SegmentRequest } from '@legato/fetch';
import { describe, expect, it } from 'vitest';
import { bytes, chunk, head, marbles, media, ok206, scriptedHttp } from '../_test/fake-http.js';

describe('fetchSegment$ requests: headers, CMCD, body cap (virtual time)', () => {
  it('lets onRequest add and strip headers and rewrite the URL per attempt', () => {
    marbles(({ cold, expectObservable }) => {
      const { http, requests } = scriptedHttp([
        () => cold('-h(a|)', { h: ok206(10, 13), a: chunk(bytes(4, 10)) }),
      ]);
      const request: SegmentRequest = { ...media(), headers: { 'X-Strip-Me': '1' } };
      const options: FetchSegmentOptions = {
        http,
        onRequest: ({ url, headers }) => {
          const { 'X-Strip-Me': _, ...rest } = headers;
          return { url: `${url}&edge=2`, headers: { ...rest, 'X-Cdn-Token': 't' } };
        },
      };
      expectObservable(fetchSegment$(request, options)).toBe('--(ab|)', {
        a: expect.objectContaining({ type: 'progress' }),
        b: expect.objectContaining({
          type: 'complete',
          url: 'https://cdn-a.example/t.mp4?token=secret&edge=2',
        }),
      });
      return () =>
        expect(requests[0]?.headers).toEqual({ Range: 'bytes=10-13', 'X-Cdn-Token': 't' });
    });
  });

  it('adds opt-in CMCD as a query or as headers, built by @svta/cml-cmcd', () => {
    marbles(({ cold, expectObservable }) => {
      const res = () => cold('-h(a|)', { h: ok206(10, 13), a: chunk(bytes(4, 10)) });
      const { http, requests } = scriptedHttp([res, res]);
      const data = () => ({ sid: 'session-1', br: [320] });
      expectObservable(fetchSegment$(media(), { http, cmcd: { data } })).toBe('--(ab|)', {
        a: expect.anything(),
        b: expect.anything(),
      });
      expectObservable(fetchSegment$(media(), { http, cmcd: { mode: 'headers', data } })).toBe(
        '--(ab|)',
        {
          a: expect.anything(),
          b: expect.anything(),
        },
      );
      return () => {
        const query = new URL(requests[0]!.url).searchParams.get('CMCD');
        expect(query).toBe('br=320,ot=a,sid="session-1"');
        expect(requests[1]?.headers).toEqual({
          Range: 'bytes=10-13',
          'CMCD-Object': 'br=320,ot=a',
          'CMCD-Session': 'sid="session-1"',
        });
      };
    });
  });

  it('stops an unranged body at maxBodyBytes without retrying', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const endless = cold('-h-a-a-a-a', { h: head(200), a: chunk(bytes(400)) });
      const { http, requests } = scriptedHttp([() => endless]);
      const manifest: SegmentRequest = { urls: ['https://cdn.example/a.mpd'], kind: 'manifest' };
      expectObservable(fetchSegment$(manifest, { http, maxBodyBytes: 1000 })).toBe(
        '---a-b-#',
        {
          a: expect.objectContaining({ loadedBytes: 400 }),
          b: expect.objectContaining({ loadedBytes: 800 }),
        },
        expect.objectContaining({
          code: 'FETCH_BODY_TOO_LARGE',
          details: expect.objectContaining({ attempts: 1 }),
        }),
      );
      expectSubscriptions(endless.subscriptions).toBe('^------!');
      return () => expect(requests).toHaveLength(1);
    });
  });
});

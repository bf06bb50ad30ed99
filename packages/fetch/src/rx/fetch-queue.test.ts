import { createFetchQueue, type SegmentRequest, segmentRequestKey } from '@legato/fetch';
import { describe, expect, it } from 'vitest';
import { bytes, chunk, head, marbles, scriptedHttp } from '../_test/fake-http.js';

const req = (kind: SegmentRequest['kind'], start: number): SegmentRequest => ({
  urls: ['https://cdn.example/t.mp4'],
  range: { start, end: start + 1 },
  kind,
});
const ok = (start: number) => ({
  h: head(206, { 'content-range': `bytes ${start}-${start + 1}/100` }),
  a: chunk(bytes(2, start)),
});

describe('createFetchQueue', () => {
  it('runs at most maxConcurrency requests, init before index before media', () => {
    marbles(({ cold, expectObservable }) => {
      const order = [0, 10, 20, 30].map((s) => cold('--h(a|)', ok(s)));
      const { http, requests } = scriptedHttp(order.map((c) => () => c));
      const queue = createFetchQueue({ http, maxConcurrency: 1 });
      const done = { c: expect.objectContaining({ type: 'complete' }), p: expect.anything() };
      expectObservable(queue.fetch$(req('media', 0))).toBe('---(pc|)', done);
      expectObservable(queue.fetch$(req('media', 30))).toBe('------------(pc|)', done);
      expectObservable(queue.fetch$(req('index', 20))).toBe('---------(pc|)', done);
      expectObservable(queue.fetch$(req('init', 10))).toBe('------(pc|)', done);
      return () =>
        expect(requests.map((r) => r.headers['Range'])).toEqual([
          'bytes=0-1',
          'bytes=10-11',
          'bytes=20-21',
          'bytes=30-31',
        ]);
    });
  });

  it('shares one request among identical in-flight requests', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const res = cold('--h-(a|)', ok(0));
      const { http, requests } = scriptedHttp([() => res]);
      const queue = createFetchQueue({ http });
      const events = {
        c: expect.objectContaining({ type: 'complete', bytes: bytes(2, 0) }),
        p: expect.anything(),
      };
      expectObservable(queue.fetch$(req('media', 0))).toBe('----(pc|)', events);
      expectObservable(queue.fetch$(req('media', 0))).toBe('----(pc|)', events);
      expectSubscriptions(res.subscriptions).toBe('^---!');
      return () => expect(requests).toHaveLength(1);
    });
  });

  it('cancels by key: every subscriber gets ABORTED and the request is aborted', () => {
    marbles(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const res = cold('--h-----(a|)', ok(0));
      const { http } = scriptedHttp([() => res]);
      const queue = createFetchQueue({ http });
      const request = req('media', 0);
      const aborted = expect.objectContaining({ code: 'ABORTED' });
      expectObservable(queue.fetch$(request)).toBe('---#', undefined, aborted);
      expectObservable(queue.fetch$(request)).toBe('---#', undefined, aborted);
      cold('---x').subscribe(() => expect(queue.cancel(segmentRequestKey(request))).toBe(true));
      expectSubscriptions(res.subscriptions).toBe('^--!');
      flush();
      expect(queue.cancel(segmentRequestKey(request))).toBe(false);
      expect(queue.activeCount).toBe(0);
    });
  });

  it('cancels a waiting request by its own key before it ever runs', () => {
    marbles(({ cold, expectObservable }) => {
      const first = cold('--h(a|)', ok(0));
      const { http, requests } = scriptedHttp([() => first]);
      const queue = createFetchQueue({ http, maxConcurrency: 1 });
      const any = { c: expect.anything(), p: expect.anything() };
      expectObservable(queue.fetch$(req('media', 0))).toBe('---(pc|)', any);
      expectObservable(queue.fetch$(req('media', 10), 'next-track')).toBe(
        '-#',
        undefined,
        expect.objectContaining({ code: 'ABORTED', details: { key: 'next-track' } }),
      );
      cold('-x').subscribe(() => expect(queue.cancel('next-track')).toBe(true));
      return () => {
        expect(requests).toHaveLength(1);
        expect(queue.pendingCount).toBe(0);
      };
    });
  });

  it('dequeues a waiting request on unsubscribe and counts active and pending', () => {
    marbles(({ cold, expectObservable }) => {
      const first = cold('--h(a|)', ok(0));
      const third = cold('--h(a|)', ok(20));
      const { http, requests } = scriptedHttp([() => first, () => third]);
      const queue = createFetchQueue({ http, maxConcurrency: 1 });
      const any = { c: expect.anything(), p: expect.anything() };
      expectObservable(queue.fetch$(req('media', 0))).toBe('---(pc|)', any);
      expectObservable(queue.fetch$(req('media', 10)), '-!').toBe('');
      expectObservable(queue.fetch$(req('media', 20))).toBe('------(pc|)', any);
      cold('--x').subscribe(() => expect([queue.activeCount, queue.pendingCount]).toEqual([1, 1]));
      return () =>
        expect(requests.map((r) => r.headers['Range'])).toEqual(['bytes=0-1', 'bytes=20-21']);
    });
  });

  it('refuses a bad maxConcurrency', () => {
    expect(() => createFetchQueue({ maxConcurrency: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

import { estimateBandwidth } from '@legato/bandwidth';
import { type FetchProgressEvent, fetchSegment$ } from '@legato/fetch';
import { filter, map } from 'rxjs';
import { describe, it } from 'vitest';
import { bytes, chunk, head, marbles, scriptedHttp } from '../_test/fake-http.js';

describe('fetchSegment$ progress feeds @legato/bandwidth', () => {
  it('a 10 Mb/s body (125 kB per 100 ms) is estimated at 10 Mb/s, latency excluded', () => {
    marbles(({ cold, expectObservable }) => {
      const piece = chunk(bytes(125_000));
      // 400 ms of latency before the head, then one 125 kB chunk every 100 ms.
      const body = cold('400ms h 99ms a 99ms a 99ms a 99ms a 99ms a 99ms a 99ms a 99ms (a|)', {
        h: head(206, { 'content-range': 'bytes 0-999999/1000000' }),
        a: piece,
      });
      const { http } = scriptedHttp([() => body]);
      const estimates = fetchSegment$(
        { urls: ['https://cdn.example/t.mp4'], range: { start: 0, end: 999_999 }, kind: 'media' },
        { http },
      ).pipe(
        filter((e): e is FetchProgressEvent => e.type === 'progress'),
        map((e) => ({ bytes: e.deltaBytes, elapsedMs: e.deltaMs, nowMs: e.nowMs })),
        estimateBandwidth({ defaultEstimateBps: 1_000_000, minTotalBytes: 100_000 }),
        map((bps) => Math.round(bps / 1000)),
      );
      // The default until enough bytes were measured, then exactly the link rate in kb/s.
      expectObservable(estimates).toBe('a 499ms b 699ms |', { a: 1000, b: 10_000 });
    });
  });
});

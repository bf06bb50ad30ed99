import type { FetchEvent } from '@legato/fetch';
import { finalize } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { abandonDownload } from './abandon-download.js';
import type { DownloadProgress } from './track-runtime.js';

const progress = (loadedBytes: number, elapsedMs: number): FetchEvent => ({
  type: 'progress',
  loadedBytes,
  totalBytes: 1000,
  deltaBytes: 100,
  deltaMs: 10,
  elapsedMs,
  nowMs: elapsedMs,
  firstByteMs: 5,
  attempt: 1,
  url: 'http://127.0.0.1/a.mp4',
});
const complete: FetchEvent = {
  type: 'complete',
  bytes: new Uint8Array(1000),
  url: 'http://127.0.0.1/a.mp4',
  status: 206,
  firstByteMs: 5,
  durationMs: 40,
  fromFullBody: false,
  attempts: 1,
  loadedBytes: 1000,
  resumedBytes: 0,
};
const values = { a: progress(100, 10), b: progress(300, 20), c: progress(600, 30), d: complete };
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('abandonDownload', () => {
  it('passes every event through while the rule answers -1, and asks it on each progress event', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const asked: DownloadProgress[] = [];
      const source = cold('-a-b-c-(d|)', values);
      const abandoned: number[] = [];
      const out = source.pipe(
        abandonDownload(
          2000,
          (p) => {
            asked.push(p);
            return -1;
          },
          (i) => abandoned.push(i),
        ),
      );
      expectObservable(out).toBe('-a-b-c-(d|)', values);
      expectSubscriptions(source.subscriptions).toBe('^------!');
      flush();
      expect(asked).toEqual([
        { loadedBytes: 100, totalBytes: 2000, elapsedMs: 10 },
        { loadedBytes: 300, totalBytes: 2000, elapsedMs: 20 },
        { loadedBytes: 600, totalBytes: 2000, elapsedMs: 30 },
      ]);
      expect(abandoned).toEqual([]);
    });
  });

  it('on an answer: completes at once without the bytes, unsubscribes the download, then calls abandoned', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const log: string[] = [];
      const source = cold('-a-b-c-(d|)', values);
      const out = source.pipe(
        finalize(() => log.push('download torn down')),
        abandonDownload(
          undefined,
          (p) => (p.loadedBytes >= 300 ? 2 : -1),
          (i) => log.push(`re-request at ${i}`),
        ),
      );
      expectObservable(out).toBe('-a-|', values);
      expectSubscriptions(source.subscriptions).toBe('^--!');
      flush();
      expect(log).toEqual(['download torn down', 're-request at 2']);
    });
  });

  it('uses the byte range size when given, else what the response announced', () => {
    scheduler().run(({ cold, flush }) => {
      const seen: number[] = [];
      const rule = (p: DownloadProgress) => {
        seen.push(p.totalBytes);
        return -1;
      };
      cold('-a|', values)
        .pipe(abandonDownload(4096, rule, () => undefined))
        .subscribe();
      cold('-a|', values)
        .pipe(abandonDownload(undefined, rule, () => undefined))
        .subscribe();
      const unknown = { a: { ...progress(1, 600), totalBytes: undefined } };
      cold('-a|', unknown)
        .pipe(abandonDownload(undefined, rule, () => undefined))
        .subscribe();
      flush();
      expect(seen).toEqual([4096, 1000, Number.NaN]);
    });
  });

  it('never re-requests when the consumer unsubscribes first', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const abandoned: number[] = [];
      const source = cold('-a-b-c-(d|)', values);
      const out = source.pipe(
        abandonDownload(
          undefined,
          (p) => (p.loadedBytes >= 600 ? 1 : -1),
          (i) => abandoned.push(i),
        ),
      );
      expectObservable(out, '^--!').toBe('-a-', values);
      flush();
      expect(abandoned).toEqual([]);
    });
  });
});

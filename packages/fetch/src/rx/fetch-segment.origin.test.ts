import {
  type FetchCompleteEvent,
  type FetchEvent,
  type FetchSegmentOptions,
  type FetchTimeouts,
  fetchSegment$,
  type SegmentRequest,
} from '@legato/fetch';
import {
  type Origin,
  type OriginFault,
  type OriginOptions,
  startOrigin,
  waitForSocketsClosed,
  waitForUsedConnectionsClosed,
} from '@legato/testkit';
import { lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesDiff } from '../_test/fake-http.js';

const file = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31 + (i >> 9)) & 0xff);
const range = { start: 12_345, end: 212_344 };
const want = file.subarray(range.start, range.end + 1);
const fast: FetchSegmentOptions = {
  allowInsecureOrigins: true,
  retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 },
  timeouts: { stallMs: 1000, firstByteMs: 5000, totalMs: 20_000 },
};
const origins: Origin[] = [];
afterEach(async () => {
  await Promise.all(origins.splice(0).map((o) => o.close()));
});

async function serve(
  faults: OriginFault[] = [],
  files: Record<string, Uint8Array> = { '/t.mp4': file },
): Promise<Origin> {
  const origin = await startOrigin({ files, faults });
  origins.push(origin);
  return origin;
}
const mediaAt = (...bases: string[]): SegmentRequest => ({
  urls: bases.map((b) => `${b}/t.mp4`),
  range,
  kind: 'media',
});
const run = (request: SegmentRequest, options: FetchSegmentOptions = fast) =>
  lastValueFrom(fetchSegment$(request, options).pipe(toArray()));
const completeOf = (events: FetchEvent[]) => events.at(-1) as FetchCompleteEvent;

/** Milliseconds until the origin closed every response and used connection (at most 3 s). */
async function usedConnectionsClosed(origin: Origin): Promise<number> {
  const quiet = await waitForUsedConnectionsClosed(origin);
  expect(quiet).toMatchObject({ openResponses: 0, usedConnections: 0 });
  return quiet.waitedMs;
}

describe('fetchSegment$ against the loopback origin', () => {
  it('README example: a byte range through one 503, exact bytes', async () => {
    // #region readme
    const origin = await startOrigin({
      files: { '/track.mp4': file },
      faults: [{ type: 'status', status: 503, retryAfter: '0', times: 1 }],
    });
    const events = await lastValueFrom(
      fetchSegment$(
        { urls: [`${origin.url}/track.mp4`], range: { start: 1352, end: 279_003 }, kind: 'media' },
        { allowInsecureOrigins: true }, // loopback is plain HTTP; production URLs must be https:
      ).pipe(toArray()),
    );
    const done = events.at(-1) as FetchCompleteEvent;
    expect(done).toMatchObject({ type: 'complete', status: 206, attempts: 2, fromFullBody: false });
    expect(done.bytes.length).toBe(279_003 - 1352 + 1);
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    await origin.close();
    // #endregion
  });

  it('delivers the exact range with monotone progress ending at the total', async () => {
    const origin = await serve();
    const events = await run(mediaAt(origin.url));
    const done = completeOf(events);
    expect(done).toMatchObject({ type: 'complete', status: 206, fromFullBody: false, attempts: 1 });
    expect(bytesDiff(done.bytes, want)).toBeUndefined();
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    let last = 0;
    for (const p of progress) {
      expect(p.loadedBytes).toBe(last + p.deltaBytes);
      last = p.loadedBytes;
    }
    expect(last).toBe(want.length);
    expect(progress.at(-1)?.totalBytes).toBe(want.length);
    expect(origin.requests[0]?.headers['range']).toBe(`bytes=${range.start}-${range.end}`);
  });

  const recoverable: [string, OriginFault, number][] = [
    ['503 with Retry-After', { type: 'status', status: 503, retryAfter: '5', times: 1 }, 503],
    ['500', { type: 'status', status: 500, times: 2 }, 500],
    ['a connection reset mid-body', { type: 'reset', afterBytes: 70_000, times: 1 }, 206],
    ['a stall mid-body', { type: 'stall', afterBytes: 70_000, times: 1 }, 206],
    ['a wrong Content-Range', { type: 'wrong-content-range', times: 1 }, 206],
    ['a truncated body', { type: 'truncate', afterBytes: 1000, times: 1 }, 206],
  ];
  it.each(recoverable)(
    'retries after %s and delivers the exact bytes',
    async (_, fault, firstStatus) => {
      const origin = await serve([fault]);
      const done = completeOf(await run(mediaAt(origin.url)));
      expect(bytesDiff(done.bytes, want)).toBeUndefined();
      expect(done.attempts).toBe(origin.requests.length);
      expect(done.attempts).toBeGreaterThan(1);
      expect(origin.requests[0]).toMatchObject({ status: firstStatus, fault: fault.type });
      expect(origin.requests.at(-1)).toMatchObject({ status: 206, fault: undefined });
    },
  );

  it('slices a 200 full body when the server ignores Range', async () => {
    const origin = await serve([{ type: 'ignore-range' }]);
    const done = completeOf(await run(mediaAt(origin.url)));
    expect(done).toMatchObject({ status: 200, fromFullBody: true, attempts: 1 });
    expect(bytesDiff(done.bytes, want)).toBeUndefined();
    expect(done.loadedBytes).toBeGreaterThanOrEqual(range.end + 1);
  });

  it('reports an expired playback URL as FETCH_FORBIDDEN without retrying', async () => {
    const origin = await serve([{ type: 'expire', afterMs: 0 }]);
    await expect(run(mediaAt(origin.url))).rejects.toMatchObject({
      code: 'FETCH_FORBIDDEN',
      retryable: false,
      details: expect.objectContaining({ status: 403, attempts: 1 }),
    });
    expect(origin.requests).toHaveLength(1);
  });

  it('reports 416 and gives up after maxAttempts of 503, with the status', async () => {
    const origin = await serve([{ type: 'status', status: 503, match: { path: '/busy.mp4' } }], {
      '/t.mp4': file,
      '/busy.mp4': file,
    });
    await expect(
      run({
        urls: [`${origin.url}/t.mp4`],
        range: { start: 400_000, end: 400_001 },
        kind: 'media',
      }),
    ).rejects.toMatchObject({ code: 'FETCH_RANGE_NOT_SATISFIABLE' });
    await expect(
      run({ urls: [`${origin.url}/busy.mp4?token=s3cret`], range, kind: 'media' }),
    ).rejects.toMatchObject({
      code: 'FETCH_HTTP_503',
      retryable: true,
      message: expect.not.stringContaining('s3cret'),
      details: expect.objectContaining({
        status: 503,
        attempts: 4,
        url: `${origin.url}/busy.mp4?<redacted>`,
      }),
    });
  });

  it('fails over from a CDN that answers 404 to the next BaseURL', async () => {
    const empty = await serve([], {});
    const good = await serve();
    const done = completeOf(await run(mediaAt(empty.url, good.url)));
    expect(bytesDiff(done.bytes, want)).toBeUndefined();
    expect(done.url).toBe(`${good.url}/t.mp4`);
    expect([empty.requests.length, good.requests.length]).toEqual([1, 1]);
  });

  it('aborts the HTTP request when unsubscribed mid-body', async () => {
    const origin = await startOrigin({ files: { '/t.mp4': file }, chunkBytes: 8192 });
    origins.push(origin);
    origin.setThroughput(4_000_000);
    const events: FetchEvent[] = [];
    await new Promise<void>((resolve) => {
      const sub = fetchSegment$(mediaAt(origin.url), fast).subscribe((e) => {
        events.push(e);
        sub?.unsubscribe();
        resolve();
      });
    });
    const seen = events.length;
    expect(await usedConnectionsClosed(origin)).toBeLessThan(1000);
    expect(events).toHaveLength(seen);
    expect(events.every((e) => e.type === 'progress')).toBe(true);
  });

  // The bar of issue 15: a timed-out response is aborted, its socket closed, within 1 s of the
  // timeout — checked against the origin's own count, not the client's view.
  const timedOut: [string, Partial<OriginOptions>, Partial<FetchTimeouts>][] = [
    [
      'a body stalled mid-way',
      { faults: [{ type: 'stall', afterBytes: 70_000 }] },
      { stallMs: 300 },
    ],
    ['a head that never comes', { latencyMs: 60_000 }, { firstByteMs: 300 }],
    ['a body too slow overall', { faults: [{ type: 'stall', afterBytes: 0 }] }, { totalMs: 300 }],
  ];
  it.each(timedOut)('closes %s within 1 s of its timeout', async (_, served, timeouts) => {
    const origin = await startOrigin({ files: { '/t.mp4': file }, ...served });
    origins.push(origin);
    const options = {
      ...fast,
      retry: { maxAttempts: 1 },
      timeouts: { ...fast.timeouts, ...timeouts },
    };
    await expect(run(mediaAt(origin.url), options)).rejects.toMatchObject({
      code: 'FETCH_TIMEOUT',
    });
    expect(await usedConnectionsClosed(origin)).toBeLessThan(1000);
  });

  it('closes every connection of a request cancelled while it waits for its head', async () => {
    const origin = await startOrigin({ files: { '/t.mp4': file }, latencyMs: 60_000 });
    origins.push(origin);
    const sub = fetchSegment$(mediaAt(origin.url), fast).subscribe();
    while (origin.openResponses === 0) await new Promise((r) => setTimeout(r, 5));
    sub.unsubscribe();
    expect(await usedConnectionsClosed(origin)).toBeLessThan(1000);
  });

  it('refuses plain HTTP without allowInsecureOrigins, before any request', async () => {
    const origin = await serve();
    await expect(run(mediaAt(origin.url), {})).rejects.toMatchObject({ code: 'INSECURE_ORIGIN' });
    expect(origin.requests).toHaveLength(0);
  });

  it('never sends the license bearer token with a media request', async () => {
    const cdnA = await serve([{ type: 'status', status: 503, times: 1 }]);
    const cdnB = await serve();
    const license = await serve([], { '/license': Uint8Array.of(1, 2, 3) } as unknown as {
      '/t.mp4': Uint8Array;
    });
    const token = 'eyJhbGciOi.bearer-secret.sig';
    const options: FetchSegmentOptions = {
      ...fast,
      retry: { ...fast.retry, maxAttempts: 3 },
      onRequest: (r) =>
        r.url.startsWith(`${license.url}/`)
          ? { url: r.url, headers: { ...r.headers, Authorization: `Bearer ${token}` } }
          : undefined,
    };
    await run({ urls: [`${license.url}/license`], kind: 'license' }, options);
    await run(mediaAt(cdnA.url, cdnB.url), options);
    await run({ ...mediaAt(cdnA.url), kind: 'init', range: { start: 0, end: 1067 } }, options);
    expect(license.requests[0]?.headers['authorization']).toBe(`Bearer ${token}`);
    const media = [...cdnA.requests, ...cdnB.requests];
    expect(media.length).toBeGreaterThanOrEqual(3);
    for (const r of media) {
      expect(r.headers['authorization']).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain('bearer-secret');
    }
  });

  it('leaves no sockets open once the origins close', async () => {
    const origin = await serve([{ type: 'reset', afterBytes: 1000, times: 1 }]);
    await run(mediaAt(origin.url));
    await Promise.all(origins.splice(0).map((o) => o.close()));
    expect(await waitForSocketsClosed(3000)).toEqual([]);
  });
});

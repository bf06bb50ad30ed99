import { createFetchQueue, type FetchCompleteEvent, type SegmentRequest } from '@legato/fetch';
import { createSeededRng } from '@legato/sim';
import { type OriginFault, startOrigin, waitForSocketsClosed } from '@legato/testkit';
import { filter, lastValueFrom, map, merge, tap, toArray } from 'rxjs';
import { expect, it } from 'vitest';
import { bytesDiff } from '../_test/fake-http.js';

const REQUESTS = 500;
const CONCURRENCY = 6;

it('soak: 500 range requests at concurrency 6 with 10 % injected faults all deliver exact bytes', async () => {
  expect(await waitForSocketsClosed(3000)).toEqual([]);
  const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const rng = createSeededRng(20261123);
  const file = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i ^ (i >> 11)) & 0xff);
  const kinds: OriginFault[] = [
    { type: 'status', status: 503, retryAfter: '0' },
    { type: 'status', status: 500 },
    { type: 'reset', afterBytes: 1000 },
    { type: 'stall', afterBytes: 1000 },
    { type: 'wrong-content-range' },
    { type: 'truncate', afterBytes: 1000 },
    { type: 'ignore-range' },
  ];
  const faults: OriginFault[] = [];
  for (let n = 1; n <= REQUESTS; n++) {
    if (rng() < 0.1)
      faults.push({ ...kinds[Math.floor(rng() * kinds.length)]!, match: { requestNumber: n } });
  }
  const origin = await startOrigin({ files: { '/t.mp4': file }, faults });
  const queue = createFetchQueue({
    maxConcurrency: CONCURRENCY,
    allowInsecureOrigins: true,
    rng,
    retry: { maxAttempts: 8, baseDelayMs: 2, maxDelayMs: 10 },
    timeouts: { stallMs: 250 },
  });
  const requests: SegmentRequest[] = Array.from({ length: REQUESTS }, () => {
    const start = Math.floor(rng() * (file.length - 70_000));
    const length = 1024 + Math.floor(rng() * 64 * 1024);
    return {
      urls: [`${origin.url}/t.mp4`],
      range: { start, end: start + length - 1 },
      kind: 'media',
    };
  });
  let peak = 0;
  const t0 = performance.now();
  const done = await lastValueFrom(
    merge(
      ...requests.map((r, i) =>
        queue.fetch$(r, `segment-${i}`).pipe(
          tap(() => (peak = Math.max(peak, queue.activeCount))),
          filter((e): e is FetchCompleteEvent => e.type === 'complete'),
          map((e) => [i, e] as const),
        ),
      ),
    ).pipe(toArray()),
  );
  const elapsedMs = performance.now() - t0;
  expect(done).toHaveLength(REQUESTS);
  expect(new Set(done.map(([i]) => i)).size).toBe(REQUESTS);
  for (const [i, e] of done) {
    const { start, end } = requests[i]!.range!;
    expect(bytesDiff(e.bytes, file.subarray(start, end + 1)), `request ${i}`).toBeUndefined();
  }
  expect(faults.length).toBeGreaterThan(REQUESTS * 0.05);
  expect(origin.requests.length).toBeGreaterThan(REQUESTS);
  expect(done.filter(([, e]) => e.attempts > 1).length).toBeGreaterThan(0);
  expect(done.some(([, e]) => e.fromFullBody)).toBe(true);
  expect(peak).toBeLessThanOrEqual(CONCURRENCY);
  expect(elapsedMs).toBeLessThan(30_000);
  await origin.close();
  expect(await waitForSocketsClosed(3000)).toEqual([]);
  const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  expect(timersAfter).toBeLessThanOrEqual(timersBefore);
});

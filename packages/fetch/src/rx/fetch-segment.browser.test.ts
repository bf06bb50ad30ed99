import {
  bundleForBrowser,
  chromiumForTests,
  launchChromium,
  type Origin,
  serveLoopbackPages,
  startOrigin,
  waitForUsedConnectionsClosed,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { expectEstimatesNear, LINK_ESTIMATE_TOLERANCE } from '../_test/expect-estimates-near.js';

const chromiumPath = chromiumForTests('fetchSegment$ in Chromium');

/** Milliseconds until the origin closed every response and used connection (at most 3 s). */
async function usedConnectionsClosed(origin: Origin): Promise<number> {
  const quiet = await waitForUsedConnectionsClosed(origin);
  expect(quiet).toMatchObject({ openResponses: 0, usedConnections: 0 });
  return quiet.waitedMs;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (sum * 31 + b) >>> 0;
  return sum;
}

describe.skipIf(chromiumPath === undefined)('fetchSegment$ in Chromium, cross-origin', () => {
  it('streams exact ranges, slices a 200, retries a reset, aborts on unsubscribe, and measures the shaped link', async () => {
    const file = Uint8Array.from({ length: 2_000_000 }, (_, i) => (i * 13 + (i >> 10)) & 0xff);
    const origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [
        { type: 'ignore-range', match: { requestNumber: 2 } },
        { type: 'reset', afterBytes: 50_000, match: { requestNumber: 3 } },
      ],
      chunkBytes: 16_384,
    });
    const pages = await serveLoopbackPages({
      '/': {
        body: '<!doctype html><script type="module" src="/scenario.js"></script>',
        contentType: 'text/html',
      },
      '/scenario.js': {
        body: await bundleForBrowser(new URL('../_test/browser/scenario.ts', import.meta.url)),
        contentType: 'text/javascript',
      },
    });
    const chromium = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await chromium.newPage();
      await page.goto(pages.url('/'));
      await page.waitForFunction('globalThis.legatoFetch !== undefined');
      const url = `${origin.url}/t.mp4`;
      const run = (start: number, end: number) =>
        page.evaluate(`globalThis.legatoFetch.run(${JSON.stringify(url)}, ${start}, ${end})`);
      const want = (start: number, end: number) => ({
        length: end - start + 1,
        checksum: checksum(file.subarray(start, end + 1)),
        monotone: true,
      });

      expect(await run(1352, 1_079_003)).toMatchObject({
        ...want(1352, 1_079_003),
        status: 206,
        attempts: 1,
        lastLoaded: 1_079_003 - 1352 + 1,
        totalBytes: 1_079_003 - 1352 + 1,
        fromFullBody: false,
      });
      expect(await run(0, 1067)).toMatchObject({
        ...want(0, 1067),
        status: 200,
        fromFullBody: true,
      });
      expect(await run(500_000, 799_999)).toMatchObject({ ...want(500_000, 799_999), attempts: 2 });
      // The retry asks for what is missing: from the bytes the page had received, if Chromium
      // handed any over before surfacing the reset (it may not), else from the range start.
      expect(origin.requests[3]?.range).toEqual({ start: expect.any(Number), end: 799_999 });
      expect(origin.requests[3]?.range?.start).toBeGreaterThanOrEqual(500_000);
      expect(origin.requests[3]?.range?.start).toBeLessThanOrEqual(550_000); // all 50 000 bytes may have arrived

      origin.setThroughput(8_000_000);
      const seen = await page.evaluate(
        `globalThis.legatoFetch.abortAfterFirstChunk(${JSON.stringify(url)}, 0, 1_999_999)`,
      );
      expect(seen).toBe(1);
      expect(await usedConnectionsClosed(origin)).toBeLessThan(1000);

      // A body that stalls mid-way: the stall timeout aborts it and Chromium closes the socket.
      origin.setThroughput(undefined);
      origin.addFault({ type: 'stall', afterBytes: 100_000, times: 1 });
      const code = await page.evaluate(
        `globalThis.legatoFetch.timeOut(${JSON.stringify(url)}, 300)`,
      );
      expect(code).toBe('FETCH_TIMEOUT');
      expect(origin.requests.at(-1)?.fault).toBe('stall');
      expect(await usedConnectionsClosed(origin)).toBeLessThan(1000);

      // Every promised byte sent, the (chunked) body never ended: the bytes are delivered as soon
      // as the Content-Range length is in, and the dropped response's socket is closed.
      origin.addFault({ type: 'hold-open', chunked: true, times: 1 });
      expect(await run(100_000, 299_999)).toMatchObject({ ...want(100_000, 299_999), attempts: 1 });
      expect(origin.requests.at(-1)?.fault).toBe('hold-open');
      expect(await usedConnectionsClosed(origin)).toBeLessThan(1000);
      expect(chromium.pageErrors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);

      // The estimate over the shaped link, from the page's own progress events (the property
      // and its tolerance: LINK_ESTIMATE_TOLERANCE, the same as in Node's fetch).
      for (const [bitsPerSecond, segments] of [
        [1_000_000, 6],
        [400_000, 4],
      ] as const) {
        origin.setThroughput(bitsPerSecond);
        const estimates = (await page.evaluate(
          `globalThis.legatoFetch.estimateOverSegments(${JSON.stringify({ url, segmentBytes: 48_000, segments })})`,
        )) as number[];
        expectEstimatesNear(estimates, bitsPerSecond, LINK_ESTIMATE_TOLERANCE);
      }
    } finally {
      await chromium.close();
      await pages.close();
      await origin.close();
    }
  });
});

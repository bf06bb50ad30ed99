import { type FetchCompleteEvent, type FetchSegmentOptions, fetchSegment$ } from '@legato/fetch';
import { type Origin, startOrigin, waitForUsedConnectionsClosed } from '@legato/testkit';
import { lastValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';

// A server that sends every byte it promised and then never ends the response (forgets `end()`,
// or a proxy that holds the stream). The fetch must not wait for an end that never comes.
const file = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
const range = { start: 1000, end: 200_999 };
// Timeouts far above the bar: a pass cannot come from a timeout aborting the response.
const patient: FetchSegmentOptions = {
  allowInsecureOrigins: true,
  retry: { maxAttempts: 1 },
  timeouts: { stallMs: 10_000, firstByteMs: 10_000, totalMs: 20_000 },
};
const origins: Origin[] = [];
afterEach(async () => {
  await Promise.all(origins.splice(0).map((o) => o.close()));
});

async function fetchOnce(origin: Origin) {
  const t0 = performance.now();
  const request = { urls: [`${origin.url}/t.mp4`], range, kind: 'media' as const };
  const done = (await lastValueFrom(fetchSegment$(request, patient))) as FetchCompleteEvent;
  return { done, ms: performance.now() - t0 };
}

describe('fetchSegment$: a complete body that never ends', () => {
  it('without Content-Length (chunked): delivered at once, and its connection closed within 1 s', async () => {
    const origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'hold-open', chunked: true }],
    });
    origins.push(origin);
    const { done, ms } = await fetchOnce(origin);
    expect(done.bytes).toEqual(file.subarray(range.start, range.end + 1));
    expect(done.attempts).toBe(1);
    expect(ms).toBeLessThan(2_000);
    // The response is dropped once its Content-Range length is in: the origin sees it close.
    const quiet = await waitForUsedConnectionsClosed(origin, 1000);
    expect(quiet).toMatchObject({ openResponses: 0, usedConnections: 0 });
  });

  it('finishing at the promised length keeps ordinary keep-alive: ten segments over at most two connections', async () => {
    const origin = await startOrigin({ files: { '/t.mp4': file } });
    origins.push(origin);
    for (let i = 0; i < 10; i++) {
      const { done } = await fetchOnce(origin);
      expect(done.bytes.length).toBe(range.end - range.start + 1);
    }
    // (Node's fetch may open a spare; a connection per segment would mean each early finish
    // destroyed its socket.)
    expect(origin.acceptedConnections).toBeLessThanOrEqual(2);
  });
});

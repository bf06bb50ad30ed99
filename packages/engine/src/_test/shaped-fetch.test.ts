import { createVirtualClock } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { createShapedFetch } from './shaped-fetch.js';

const URL_A = 'https://cdn.invalid/a.mp4';
const URL_B = 'https://cdn.invalid/b.mp4';

function world(bitsPerSecondAt: (nowMs: number) => number) {
  const clock = createVirtualClock();
  const files = new Map([
    [URL_A, new Uint8Array(20_000).fill(1)],
    [URL_B, new Uint8Array(20_000).fill(2)],
  ]);
  const link = createShapedFetch(files, {
    scheduler: clock.scheduler,
    bitsPerSecondAt,
    latencyMs: 20,
    chunkBytes: 10_000,
  });
  /** Reads a body, recording [virtual ms, bytes] per chunk. */
  const read = async (url: string, init?: RequestInit) => {
    const chunks: [number, number][] = [];
    const response = await link.fetch(url, init);
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { response, chunks };
      chunks.push([clock.scheduler.now(), value.length]);
    }
  };
  return { clock, link, read };
}

describe('createShapedFetch', () => {
  it('delivers the head after the latency, then each chunk after its bits at the link rate', async () => {
    const w = world(() => 80_000); // 10 kB = 80 kbit: one chunk per second
    const reading = w.read(URL_A, { headers: { Range: 'bytes=0-19999' } });
    await w.clock.advance(3000, 10);
    const { response, chunks } = await reading;
    expect(response.status).toBe(206);
    expect(chunks).toEqual([
      [1020, 10_000],
      [2020, 10_000],
    ]);
    expect(w.link.seen).toEqual([{ url: URL_A, range: 'bytes=0-19999', status: 206, atMs: 0 }]);
  });

  it('takes the rate in force when each chunk starts (a step down slows the next chunk)', async () => {
    const w = world((t) => (t < 1000 ? 80_000 : 40_000));
    const reading = w.read(URL_A);
    await w.clock.advance(4000, 10);
    expect((await reading).chunks.map(([ms]) => ms)).toEqual([1020, 3020]);
  });

  it('shares the rate between bodies in flight', async () => {
    const w = world(() => 80_000);
    const a = w.read(URL_A);
    const b = w.read(URL_B);
    await w.clock.advance(5000, 10);
    // The share is taken when a chunk starts: A's first chunk started alone (1 s), every chunk
    // after that shared the link with the other body (2 s).
    expect((await a).chunks.map(([ms]) => ms)).toEqual([1020, 3020]);
    expect((await b).chunks.map(([ms]) => ms)).toEqual([2020, 4020]);
  });

  it('an abort errors the body and sends no further chunk', async () => {
    const w = world(() => 80_000);
    const controller = new AbortController();
    const reading = w.read(URL_A, { signal: controller.signal });
    await w.clock.advance(1500, 10);
    controller.abort();
    await expect(reading).rejects.toThrow();
    // Alone again: the other body gets the whole rate.
    const b = w.read(URL_B);
    await w.clock.advance(3000, 10);
    expect((await b).chunks.map(([ms]) => ms)).toEqual([2520, 3520]);
  });
});

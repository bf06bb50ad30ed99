import { once } from 'node:events';
import { connect } from 'node:net';
import { createTrace } from '@legato/sim';
import { type Origin, startOrigin, waitForSocketsClosed } from '@legato/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const file = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
let origin: Origin | undefined;
afterEach(async () => {
  await origin?.close();
  origin = undefined;
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${origin!.url}${path}`, { headers });
const body = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('startOrigin: HTTP semantics', () => {
  it('README example: faults, shaping and the request log', async () => {
    // #region readme
    const origin = await startOrigin({
      files: { '/audio/track.mp4': file },
      trace: createTrace([{ durationMs: 1000, bitsPerSecond: 80_000_000, latencyMs: 20 }]),
      speed: 4, // trace time runs 4× faster than wall time
      faults: [
        { type: 'status', status: 503, retryAfter: '1', match: { requestNumber: 1 } },
        { type: 'reset', afterBytes: 1000, match: { path: /track/ }, times: 1 },
      ],
    });
    const first = await fetch(`${origin.url}/audio/track.mp4`, {
      headers: { Range: 'bytes=0-99' },
    });
    expect([first.status, first.headers.get('retry-after')]).toEqual([503, '1']);
    await first.arrayBuffer();
    const reset = await fetch(`${origin.url}/audio/track.mp4`, {
      headers: { Range: 'bytes=0-9999' },
    });
    await expect(reset.arrayBuffer()).rejects.toThrow(); // connection reset after 1000 bytes
    expect(origin.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [206, 'reset'],
    ]);
    await origin.close();
    // #endregion
  });

  it('serves 206 with an exact Content-Range, 200 without Range, 416 and 404', async () => {
    origin = await startOrigin({ files: { '/a/t.mp4': file } });
    expect(origin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const partial = await get('/a/t.mp4', { Range: 'bytes=1000-1999' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 1000-1999/100000');
    expect(partial.headers.get('content-length')).toBe('1000');
    expect(partial.headers.get('content-type')).toBe('audio/mp4');
    expect(Buffer.compare(await body(partial), file.subarray(1000, 2000))).toBe(0);
    const whole = await get('/a/t.mp4');
    expect(whole.status).toBe(200);
    expect(Buffer.compare(await body(whole), file)).toBe(0);
    const beyond = await get('/a/t.mp4', { Range: 'bytes=100000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */100000');
    await beyond.arrayBuffer();
    expect((await get('/missing.mp4')).status).toBe(404);
    expect(origin.requests.map((r) => [r.number, r.path, r.status, r.range])).toEqual([
      [1, '/a/t.mp4', 206, { start: 1000, end: 1999 }],
      [2, '/a/t.mp4', 200, undefined],
      [3, '/a/t.mp4', 416, undefined],
      [4, '/missing.mp4', 404, undefined],
    ]);
  });

  it('answers CORS preflights and exposes Content-Range to pages', async () => {
    origin = await startOrigin({ files: { '/t.mp4': file } });
    const pre = await fetch(`${origin.url}/t.mp4`, {
      method: 'OPTIONS',
      headers: {
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'range,authorization',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('range,authorization');
    const res = await get('/t.mp4', { Range: 'bytes=0-0' });
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range');
    await res.arrayBuffer();
    expect(origin.requests.map((r) => r.number)).toEqual([0, 1]);
  });

  it('records method, URL with query, headers and range', async () => {
    origin = await startOrigin({ files: { '/t.mp4': file } });
    await (await get('/t.mp4?sig=abc', { Range: 'bytes=-10', 'X-Probe': '1' })).arrayBuffer();
    expect(origin.requests[0]).toMatchObject({
      method: 'GET',
      url: '/t.mp4?sig=abc',
      path: '/t.mp4',
      range: { start: 99_990, end: 99_999 },
      headers: expect.objectContaining({ range: 'bytes=-10', 'x-probe': '1' }),
      fault: undefined,
    });
  });
});

describe('startOrigin: scripted faults', () => {
  it('answers a status with Retry-After the given number of times', async () => {
    origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'status', status: 503, retryAfter: '2', times: 2 }],
    });
    const statuses: (number | string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get('/t.mp4', { Range: 'bytes=0-9' });
      statuses.push(res.status, res.headers.get('retry-after'));
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([503, '2', 503, '2', 206, null]);
  });

  it('matches faults by request number and by path', async () => {
    origin = await startOrigin({
      files: { '/a.mp4': file, '/b.mp4': file },
      faults: [
        { type: 'status', status: 500, match: { requestNumber: 2 } },
        { type: 'status', status: 502, match: { path: /^\/b/ } },
      ],
    });
    const statuses = [];
    for (const p of ['/a.mp4', '/a.mp4', '/a.mp4', '/b.mp4']) {
      const res = await get(p);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 500, 200, 502]);
  });

  it('resets the connection mid-body after the given bytes', async () => {
    origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'reset', afterBytes: 30_000 }],
    });
    const res = await get('/t.mp4', { Range: 'bytes=0-59999' });
    expect(res.status).toBe(206);
    const reader = res.body!.getReader();
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.length;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBeLessThanOrEqual(30_000);
  });

  it('stalls mid-body for the given time, then finishes the body', async () => {
    origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'stall', afterBytes: 500, durationMs: 50 }],
    });
    const res = await get('/t.mp4', { Range: 'bytes=0-999' });
    expect(Buffer.compare(await body(res), file.subarray(0, 1000))).toBe(0);
  });

  it('ignores Range, shifts Content-Range, truncates, and expires URLs', async () => {
    origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [
        { type: 'ignore-range', match: { requestNumber: 1 } },
        { type: 'wrong-content-range', shiftBytes: 3, match: { requestNumber: 2 } },
        { type: 'truncate', afterBytes: 10, match: { requestNumber: 3 } },
        { type: 'expire', afterMs: 0, match: { requestNumber: 4 } },
      ],
    });
    const full = await get('/t.mp4', { Range: 'bytes=0-99' });
    expect([full.status, (await body(full)).length]).toEqual([200, 100_000]);
    const shifted = await get('/t.mp4', { Range: 'bytes=0-99' });
    expect(shifted.headers.get('content-range')).toBe('bytes 3-102/100000');
    expect(Buffer.compare(await body(shifted), file.subarray(0, 100))).toBe(0);
    const short = await get('/t.mp4', { Range: 'bytes=0-99' });
    expect(short.headers.get('content-length')).toBeNull();
    expect(Buffer.compare(await body(short), file.subarray(0, 10))).toBe(0);
    const expired = await get('/t.mp4', { Range: 'bytes=0-99' });
    expect(expired.status).toBe(403);
    await expired.arrayBuffer();
    expect(origin.requests.map((r) => r.fault)).toEqual([
      'ignore-range',
      'wrong-content-range',
      'truncate',
      'expire',
    ]);
  });

  it('expires a URL only once the origin clock passes its expiry', async () => {
    origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'expire', afterMs: 60_000, match: { path: '/t.mp4' } }],
    });
    const res = await get('/t.mp4', { Range: 'bytes=0-9' });
    expect(res.status).toBe(206);
    await res.arrayBuffer();
  });
});

describe('startOrigin: shaping and shutdown', () => {
  it('paces bodies to the link rate (lower bound only; no upper timing bound)', async () => {
    origin = await startOrigin({ files: { '/t.mp4': file }, chunkBytes: 4096 });
    origin.setThroughput(2_000_000); // 250 kB/s → 50 kB in ≥ 200 ms
    const t0 = performance.now();
    const paced = await body(await get('/t.mp4', { Range: 'bytes=0-49999' }));
    expect(Buffer.compare(paced, file.subarray(0, 50_000))).toBe(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(180);
  });

  it('sends the head of a paced body at once, ahead of the first chunk (as a real link does)', async () => {
    // 16 kB chunks at 1 Mb/s: each takes 131 ms to cross the link. The head is a few hundred
    // bytes and must not wait for the first chunk: a client timing the body from the head would
    // otherwise get the first chunk's bytes for free and overestimate the link.
    origin = await startOrigin({ files: { '/t.mp4': file }, chunkBytes: 16_384 });
    origin.setThroughput(1_000_000);
    const t0 = performance.now();
    const res = await get('/t.mp4', { Range: 'bytes=0-32767' });
    const headMs = performance.now() - t0;
    const reader = res.body!.getReader();
    await reader.read();
    const firstChunkMs = performance.now() - t0;
    while (!(await reader.read()).done);
    // Upper bound on the head only (Node's fetch answers in a few ms on loopback); a late timer
    // can only widen the gap to the first chunk.
    expect(headMs).toBeLessThan(100);
    expect(firstChunkMs - headMs).toBeGreaterThanOrEqual(100);
  });

  it('closes with a stalled response open and leaves no handles behind', async () => {
    expect(await waitForSocketsClosed(3000)).toEqual([]);
    const o = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'stall', afterBytes: 10 }],
    });
    const res = await fetch(`${o.url}/t.mp4`);
    const reader = res.body!.getReader();
    await reader.read();
    await o.close();
    await expect(reader.read()).rejects.toThrow();
    expect(await waitForSocketsClosed(3000)).toEqual([]);
  });

  it('counts its open connections: busy, idle keep-alive, and spares that never carried a request', async () => {
    const o = await startOrigin({ files: { '/t.mp4': file } });
    origin = o;
    const spare = connect(Number(new URL(o.url).port), '127.0.0.1');
    await once(spare, 'connect');
    await body(await get('/t.mp4', { Range: 'bytes=0-99' }));
    await until(() => o.openConnections === 2);
    expect([o.openConnections, o.unusedConnections, o.openResponses]).toEqual([2, 1, 0]);
    spare.destroy();
    await until(() => o.unusedConnections === 0);
    expect(o.openConnections).toBe(1); // the client's idle keep-alive connection
  });

  it('keeps only the last maxLoggedRequests requests in its log, numbered from the start', async () => {
    const o = await startOrigin({ files: { '/t.mp4': file }, maxLoggedRequests: 3 });
    origin = o;
    for (let i = 0; i < 5; i++) await body(await get('/t.mp4', { Range: `bytes=${i}-${i}` }));
    expect(o.requests.map((r) => [r.number, r.range?.start])).toEqual([
      [3, 2],
      [4, 3],
      [5, 4],
    ]);
  });

  it('refuses bad options', async () => {
    await expect(startOrigin({ files: {}, speed: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

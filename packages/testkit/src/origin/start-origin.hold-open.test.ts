import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { type Origin, startOrigin } from '@legato/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const file = Uint8Array.from({ length: 5_000 }, (_, i) => (i * 7) & 0xff);
let origin: Origin | undefined;
afterEach(async () => {
  await origin?.close();
  origin = undefined;
});

const until = async (ok: () => boolean, maxMs = 1000) => {
  for (const t0 = performance.now(); !ok() && performance.now() - t0 < maxMs; )
    await new Promise((r) => setTimeout(r, 5));
  return ok();
};

/** A raw keep-alive client: what it received so far, as text (head) and byte count. */
function rawClient(port: number): { socket: Socket; received: () => Buffer } {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  return { socket, received: () => Buffer.concat(chunks) };
}
const request = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-999\r\nConnection: keep-alive\r\n\r\n`;

/** An origin with a hold-open fault and a raw client that asked for bytes 0-999 and got them all. */
async function holdOpen(chunked: boolean) {
  const o = await startOrigin({
    files: { '/t.mp4': file },
    faults: [{ type: 'hold-open', chunked, times: 1 }],
  });
  origin = o;
  const c = rawClient(Number(new URL(o.url).port));
  await once(c.socket, 'connect');
  c.socket.write(request('/t.mp4'));
  const last = Buffer.from(file.subarray(995, 1000));
  expect(await until(() => c.received().includes(last))).toBe(true);
  return { o, c };
}

describe('startOrigin: the hold-open fault', () => {
  it('sends every byte with Content-Length, never ends; a request pipelined behind it is counted open and closed with the connection', async () => {
    const { o, c } = await holdOpen(false);
    const head = c.received().toString('latin1');
    expect(head).toMatch(/^HTTP\/1\.1 206/);
    expect(head).toMatch(/content-length: 1000/i);
    expect(o.openResponses).toBe(1); // complete for the client, never ended by the server
    // The next request on the connection waits behind the unfinished response.
    c.socket.write(request('/t.mp4'));
    expect(await until(() => o.openResponses === 2)).toBe(true);
    c.socket.destroy();
    expect(await until(() => o.openConnections === 0 && o.openResponses === 0)).toBe(true);
    expect(o.requests.map((r) => r.fault)).toEqual(['hold-open', undefined]);
  });

  it('chunked: no Content-Length, every byte sent, no terminating chunk', async () => {
    const { o, c } = await holdOpen(true);
    const text = c.received().toString('latin1');
    expect(text).toMatch(/transfer-encoding: chunked/i);
    expect(text).not.toMatch(/\r\ncontent-length:/i);
    expect(text.endsWith('0\r\n\r\n')).toBe(false);
    c.socket.destroy();
    expect(await until(() => o.openConnections === 0 && o.openResponses === 0)).toBe(true);
  });
});

import { serveLoopbackPages } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const body = Uint8Array.from({ length: 100 }, (_, i) => i);
const server = await serveLoopbackPages({
  '/media': { body, contentType: 'audio/mp4' },
  '/echo': { post: (b) => ({ body: `got ${b.length}`, contentType: 'text/plain' }) },
  '/boom': {
    post: () => {
      throw new Error('nope');
    },
  },
});
afterAll(() => server.close());

describe('serveLoopbackPages', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves whole bodies and single byte ranges (206 with Content-Range)', async () => {
    const full = await fetch(server.url('/media'));
    expect(full.status).toBe(200);
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(body);
    const part = await fetch(server.url('/media'), { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/100');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    const open = await fetch(server.url('/media'), { headers: { Range: 'bytes=95-' } });
    expect(open.headers.get('content-range')).toBe('bytes 95-99/100');
    const suffix = await fetch(server.url('/media'), { headers: { Range: 'bytes=-3' } });
    expect([...new Uint8Array(await suffix.arrayBuffer())]).toEqual([97, 98, 99]);
  });

  it('answers 416 past the end, 404 for unknown paths, 405 for wrong methods', async () => {
    const past = await fetch(server.url('/media'), { headers: { Range: 'bytes=100-200' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */100');
    expect((await fetch(server.url('/nothing'))).status).toBe(404);
    expect((await fetch(server.url('/media'), { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(server.url('/echo'))).status).toBe(405);
  });

  it('runs POST handlers and turns their failures into 500', async () => {
    const echo = await fetch(server.url('/echo'), { method: 'POST', body: 'abcd' });
    expect(await echo.text()).toBe('got 4');
    const boom = await fetch(server.url('/boom'), { method: 'POST', body: '' });
    expect(boom.status).toBe(500);
    expect(await boom.text()).toBe('nope');
    server.set('/late', { body: 'hi', contentType: 'text/plain' });
    expect(await (await fetch(server.url('/late'))).text()).toBe('hi');
    expect(server.requests.some((r) => r.path === '/media' && r.range === 'bytes=10-19')).toBe(
      true,
    );
  });
});

import { chromiumForTests, launchChromium, serveLoopbackPages, startOrigin } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const chromiumPath = chromiumForTests('loopback origin CORS');

describe.skipIf(chromiumPath === undefined)('startOrigin from a browser page (CORS)', () => {
  it('lets a page on another origin range-fetch with Authorization and CMCD headers and read Content-Range', async () => {
    const file = Uint8Array.from({ length: 4096 }, (_, i) => i & 0xff);
    const origin = await startOrigin({
      files: { '/t.mp4': file },
      faults: [{ type: 'status', status: 503, retryAfter: '2', match: { path: '/busy.mp4' } }],
    });
    const pages = await serveLoopbackPages({
      '/': { body: '<!doctype html><title>origin cors</title>', contentType: 'text/html' },
    });
    const chromium = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await chromium.newPage();
      await page.goto(pages.url('/'));
      const seen = await page.evaluate(`(async () => {
        const ranged = await fetch('${origin.url}/t.mp4', {
          headers: { Range: 'bytes=100-1123', Authorization: 'Bearer t', 'CMCD-Object': 'br=320' },
        });
        const body = new Uint8Array(await ranged.arrayBuffer());
        const busy = await fetch('${origin.url}/busy.mp4');
        return {
          status: ranged.status,
          contentRange: ranged.headers.get('content-range'),
          contentLength: ranged.headers.get('content-length'),
          length: body.length,
          first: body[0],
          busy: busy.status,
          retryAfter: busy.headers.get('retry-after'),
        };
      })()`);
      expect(seen).toEqual({
        status: 206,
        contentRange: 'bytes 100-1123/4096',
        contentLength: '1024',
        length: 1024,
        first: 100,
        busy: 503,
        retryAfter: '2',
      });
      const preflight = origin.requests.find((r) => r.method === 'OPTIONS');
      expect(preflight?.headers['access-control-request-headers']).toMatch(/authorization/);
      expect(origin.requests.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([
        206, 503,
      ]);
      // Chromium logs every non-2xx load (the injected 503, the page server's favicon 404); a CORS
      // refusal would show up here as an error naming Access-Control.
      expect(chromium.pageErrors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    } finally {
      await chromium.close();
      await pages.close();
      await origin.close();
    }
  });
});

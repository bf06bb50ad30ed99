import { existsSync } from 'node:fs';
import {
  CHROMIUM_TEST_FLAGS,
  chromiumForTests,
  findChromium,
  launchChromium,
  serveLoopbackPages,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const chromiumPath = chromiumForTests('Chromium harness');

describe('findChromium', () => {
  it('reports why when no candidate exists', () => {
    const location = findChromium({
      candidates: ['/nonexistent/chromium', 'no-such-browser-binary'],
    });
    expect(location).toEqual({
      available: false,
      reason: expect.stringContaining('apt-get install chromium'),
    });
  });
});

describe.skipIf(chromiumPath === undefined)('launchChromium', () => {
  it('runs headless with the test flags, supports MSE Opus/FLAC and ClearKey EME, and cleans up its profile', async () => {
    const server = await serveLoopbackPages({
      '/': { body: '<!doctype html><title>t</title>', contentType: 'text/html' },
    });
    const chromium = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await chromium.newPage();
      await page.goto(server.url('/'));
      const support = await page.evaluate(`(async () => ({
        flac: MediaSource.isTypeSupported('audio/mp4; codecs="flac"'),
        opus: MediaSource.isTypeSupported('audio/mp4; codecs="opus"'),
        clearkey: await navigator.requestMediaKeySystemAccess('org.w3.clearkey', [
          { initDataTypes: ['cenc'], audioCapabilities: [{ contentType: 'audio/mp4; codecs="flac"' }] },
        ]).then((a) => a.keySystem, () => null),
        userAgent: navigator.userAgent,
      }))()`);
      expect(support).toMatchObject({
        flac: true,
        opus: true,
        clearkey: 'org.w3.clearkey',
        userAgent: expect.stringContaining('HeadlessChrome'),
      });
      await page.evaluate('Promise.reject(new Error("boom from the page"))').catch(() => undefined);
      await page.evaluate('setTimeout(() => { throw new Error("uncaught in page") }, 0)');
      await page.waitForTimeout(200);
      expect(chromium.pageErrors.some((e) => e.includes('uncaught in page'))).toBe(true);
      expect(existsSync(chromium.userDataDir)).toBe(true);
    } finally {
      await chromium.close();
      await chromium.close();
      await server.close();
    }
    expect(existsSync(chromium.userDataDir)).toBe(false);
    expect(CHROMIUM_TEST_FLAGS).toContain('--no-sandbox');
  });

  it('fails typed when the executable does not launch', async () => {
    await expect(
      launchChromium({ executablePath: '/bin/false', timeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'BROWSER_UNAVAILABLE' });
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumForTests, launchChromium } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlayerSnapshot } from './player-page.js';
import { serveBrowserDemo } from './serve-browser-demo.js';

const chromiumPath = chromiumForTests('legato demo --serve');
const dir = mkdtempSync(join(tmpdir(), 'legato-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(chromiumPath === undefined)('legato demo --serve', () => {
  it('serves a player page on 127.0.0.1 that plays the protected track with live plots', async () => {
    const server = await serveBrowserDemo({ speed: 10 });
    const browser = await launchChromium({ executablePath: chromiumPath! });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.click('#start');
      const snapshot = () =>
        page.evaluate(() =>
          structuredClone((window as unknown as { legatoDemo?: PlayerSnapshot }).legatoDemo),
        );
      const deadline = Date.now() + 40_000;
      let s = await snapshot();
      while ((s === undefined || s.positionS < 25) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        s = await snapshot();
      }
      expect(s?.errors ?? ['no player'], JSON.stringify(s)).toEqual([]);
      expect(s!.positionS).toBeGreaterThanOrEqual(25);
      expect(s!.license).toBe('usable');
      // The live plot drew the chosen bitrate, the estimate and the buffer over time.
      const points = await page.$$eval('#live-plot path.series', (paths) =>
        paths.map((p) => (p.getAttribute('d') ?? '').split(/[ML]/).length - 1),
      );
      expect(points).toHaveLength(3);
      for (const n of points) expect(n).toBeGreaterThan(10);
      const shot = process.env['LEGATO_KEEP_SHOT'] ?? join(dir, 'serve.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});

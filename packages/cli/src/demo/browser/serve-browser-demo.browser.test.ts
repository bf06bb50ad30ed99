import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumForTests, launchChromium, loadFixtureTrack } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseDemoMedia } from '../demo-media.js';
import type { PlayerSnapshot } from './player-page.js';
import { serveBrowserDemo } from './serve-browser-demo.js';

const chromiumPath = chromiumForTests('legato demo --serve');
const dir = mkdtempSync(join(tmpdir(), 'legato-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(chromiumPath === undefined)('legato demo --serve', () => {
  it('serves a player page on 127.0.0.1 that plays the protected music ladder with live plots, its estimate on the link', async () => {
    const media = await chooseDemoMedia();
    // ×2: at 3 Mb/s a 16 kB link chunk is then 22 wall ms, so a loaded machine's late timers
    // cost the link less of its rate than at ×5 (9 ms).
    const server = await serveBrowserDemo({ speed: 2, media });
    const browser = await launchChromium({ executablePath: chromiumPath! });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await browser.newPage();
      await page.goto(server.url);
      // A visitor presses Play a while after the server started: 8 s of wall time is 16 s of
      // the trace, most of its first step (3 Mb/s for 20 s, then 0.3 Mb/s). The trace must start
      // over with playback, or the page plays a link other than the one it draws.
      await new Promise((r) => setTimeout(r, 8000));
      await page.click('#start');
      const read = () =>
        page.evaluate(() =>
          structuredClone((window as unknown as { legatoDemo?: PlayerSnapshot }).legatoDemo),
        );
      const seen: PlayerSnapshot[] = [];
      const deadline = Date.now() + 60_000;
      let s = await read();
      while ((s === undefined || s.positionS < 40) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        s = await read();
        if (s) seen.push(s);
      }
      const story = JSON.stringify({ estimates: seen.map(estimatePoint), last: s });
      expect(s?.errors ?? ['no player'], story).toEqual([]);
      // Past the clear lead (30 s): the encrypted segments were decrypted by Chromium's CDM.
      expect(s!.positionS, story).toBeGreaterThanOrEqual(40);
      expect(s!.elementTimeS, story).toBeGreaterThan(35);
      expect(s!.license).toBe('usable');
      // Every representation was checked against this Chromium, each with a reason.
      const track = loadFixtureTrack(
        media.trackId,
        media.fixturesDir === undefined ? {} : { fixturesDir: media.fixturesDir },
      );
      expect(s!.rungs.map((r) => r.id)).toEqual(track.representations.map((r) => r.id));
      for (const r of s!.rungs) expect(r.reason.length).toBeGreaterThan(10);
      // The estimate follows the link it is drawn against: once two segments were measured in
      // the 3 Mb/s step (session 10–19.5 s), never above it by more than 25 % and, in the median,
      // at least 0.4× of it. Alone it measures 0.9–1.05×. A loaded machine only loses link time
      // (origin timers fire late, the link idles): with seven browser and link test files in
      // parallel on the 2 cores the link delivered about half its rate at ×5 (median 0.5×).
      // Without the trace restart the page met the 0.3 Mb/s dip there (0.1×) or the 8 Mb/s
      // recovery (1.6–2.9×).
      const inStep = seen.filter((p) => p.sessionS >= 10 && p.sessionS <= 19.5);
      expect(inStep.length, story).toBeGreaterThan(3);
      const ratios = inStep.map((p) => p.estimateBps / p.linkBps!);
      for (const p of inStep) expect(p.linkBps).toBe(3_000_000);
      for (const r of ratios) expect(r, story).toBeLessThanOrEqual(1.25);
      const median = [...ratios].sort((a, b) => a - b)[ratios.length >> 1]!;
      expect(median, story).toBeGreaterThanOrEqual(0.4);
      // The live plot drew the link, the chosen bitrate, the estimate and the buffer over time.
      const points = await page.$$eval('#live-plot path.series', (paths) =>
        paths.map((p) => (p.getAttribute('d') ?? '').split(/[ML]/).length - 1),
      );
      expect(points).toHaveLength(4);
      for (const n of points) expect(n).toBeGreaterThan(10);
      const shot = process.env['LEGATO_KEEP_SHOT'] ?? join(dir, 'serve.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});

function estimatePoint(p: PlayerSnapshot): string {
  return `${p.sessionS.toFixed(1)}s ${(p.estimateBps / 1e6).toFixed(2)}/${((p.linkBps ?? 0) / 1e6).toFixed(2)}`;
}

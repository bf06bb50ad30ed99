import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTrace } from '@legato/sim';
import { chromiumForTests, launchChromium } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { runCli } from '../_test/run-cli.js';
import { defaultDemoTrace } from './default-demo-trace.js';
import { chooseDemoMedia } from './demo-media.js';
import { renderDemoReport } from './report-html.js';
import { runDemo } from './run-demo.js';

describe('legato demo', () => {
  it('plays the music ladder to the end over the default trace, across Opus and FLAC, every segment verified', async () => {
    const media = await chooseDemoMedia();
    // CI has ffmpeg: the music ladder must be what plays there.
    if (media.trackId !== 'music') expect(process.env['LEGATO_REQUIRE_BROWSER']).not.toBe('1');
    // 5×, not the demo's 10×: the suite runs files in parallel on two cores, and at a higher
    // speed the machine's CPU time would eat more of the scaled network time.
    const result = await runDemo({ speed: 5, media });
    const story = JSON.stringify({
      summary: result.timeline.summary,
      switches: result.timeline.switches,
    });
    expect(result.status, story).toBe('ended');
    expect(result.metrics.errors, story).toEqual([]);
    expect(result.metrics.mismatches, story).toEqual([]);
    expect(result.metrics.segmentsVerified, story).toBe(result.metrics.segmentsExpected);
    expect(result.metrics.segmentsDecrypted, story).toBe(result.metrics.segmentsExpected - 3);
    expect(result.metrics.licenseUsableS, story).toBeLessThan(result.metrics.clearLeadReachedS);
    expect(result.metrics.licenseRequests).toBe(1);
    expect(result.ok).toBe(true);
    const { timeline } = result;
    expect(timeline.samples.length).toBeGreaterThan(50);
    expect(timeline.samples.every((s, i) => i === 0 || s.tS >= timeline.samples[i - 1]!.tS)).toBe(
      true,
    );
    expect(timeline.license.map((e) => e.state)).toContain('usable');
    // The trace in the report is the one shaping the origin.
    const trace = defaultDemoTrace();
    expect(timeline.samples[0]!.traceBps).toBe(trace.steps[0]!.bitsPerSecond);
    if (media.trackId === 'music') {
      const top = timeline.switches.reduce((a, b) => (b.bitrateBps > a.bitrateBps ? b : a));
      expect(top.codec, story).toBe('flac');
      expect(top.bitrateBps, story).toBeGreaterThanOrEqual(800_000);
      const codecs = timeline.switches.map((s) => s.codec);
      // Up from Opus into FLAC, and down to Opus again in the dip.
      const firstFlac = codecs.indexOf('flac');
      expect(firstFlac, story).toBeGreaterThan(0);
      expect(codecs.slice(firstFlac), story).toContain('opus');
    }
  }, 120_000);

  it('fails (exit 1) when the network cannot deliver the track in time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'legato-demo-'));
    const tracePath = join(dir, 'dead.json');
    const fs = await import('node:fs');
    // 8 kb/s for a minute: far below the lowest rung (~57 kb/s), so the demo cannot finish.
    fs.writeFileSync(
      tracePath,
      JSON.stringify([{ duration_ms: 60_000, bandwidth_kbps: 8, latency_ms: 50 }]),
    );
    const report = join(dir, 'r.html');
    const { code } = await runCli([
      'demo',
      '--trace',
      tracePath,
      '--speed',
      '50',
      '--json',
      '--report',
      report,
    ]);
    expect(code).toBe(1);
    expect(statSync(report).size).toBeGreaterThan(1000);
  });

  it('rejects bad arguments with one line and exit 2, before playing', async () => {
    for (const argv of [['--speed', '0'], ['--trace', 'synthetic:5g:1'], ['--bogus']]) {
      const { code, err, out } = await runCli(['demo', ...argv]);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(out).toBe('');
    }
  });
});

const chromiumPath = chromiumForTests('demo report screenshot');
describe.skipIf(chromiumPath === undefined)('demo report in Chromium', () => {
  it('renders the four plots visibly (screenshot)', async () => {
    const trace = createTrace([{ durationMs: 10_000, bitsPerSecond: 1e6, latencyMs: 20 }]);
    const html = renderDemoReport({
      title: 'report check',
      durationS: 60,
      clearLeadS: 30,
      clearLeadReachedS: 30,
      mediaDurationS: 60,
      speed: 10,
      downloads: [
        {
          startS: 0,
          endS: 1,
          representationId: 'flac-48k-24',
          index: 0,
          bytes: 1e5,
          bitsPerSecond: 8e5,
        },
      ],
      samples: Array.from({ length: 121 }, (_, i) => ({
        tS: i / 2,
        positionS: i / 2,
        bufferS: 20,
        estimateBps: 9e5,
        traceBps: trace.steps[0]!.bitsPerSecond,
        bitrateBps: 1.1e5,
      })),
      switches: [
        {
          tS: 0,
          representationId: 'flac-48k-24',
          bitrateBps: 1.1e5,
          codec: 'flac',
          qualityClass: 'HD',
        },
      ],
      license: [{ tS: 1, state: 'usable' }],
      stalls: [],
      summary: [['result', 'ended']],
    });
    const dir = mkdtempSync(join(tmpdir(), 'legato-report-'));
    const file = join(dir, 'report.html');
    (await import('node:fs')).writeFileSync(file, html);
    const browser = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      const boxes = await page.$$eval('svg', (svgs) =>
        svgs.map((s) => s.getBoundingClientRect().height),
      );
      expect(boxes).toHaveLength(4);
      expect(boxes.every((h) => h > 80)).toBe(true);
      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

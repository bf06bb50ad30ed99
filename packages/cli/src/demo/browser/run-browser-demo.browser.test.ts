import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumForTests } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { runBrowserDemo } from './run-browser-demo.js';

const chromiumPath = chromiumForTests('legato demo --browser');
const dir = mkdtempSync(join(tmpdir(), 'legato-browser-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(chromiumPath === undefined)('legato demo --browser (headless)', () => {
  it('plays the protected track to the end in Chromium through the engine, with a player UI screenshot', async () => {
    const screenshotPath = join(dir, 'player.png');
    const result = await runBrowserDemo({ screenshotPath, speed: 10, wallTimeoutMs: 40_000 });
    expect(result.snapshot.errors).toEqual([]);
    expect(result.pageErrors).toEqual([]);
    expect(result.ok, JSON.stringify(result.snapshot)).toBe(true);
    expect(result.snapshot.positionS).toBeGreaterThan(59);
    expect(result.snapshot.license).toBe('usable');
    expect(result.licenseRequests).toBe(1);
    // The ABR follows the demo trace: it leaves its first rung at least once. (Which codecs it
    // reaches depends on real-time scheduling in the browser; the strict Opus ↔ FLAC check is
    // @legato/eme's engine-playback browser test, on a trace built for it.)
    const switches = result.snapshot.switches;
    expect(new Set(switches).size, JSON.stringify(switches)).toBeGreaterThan(1);
    const png = readFileSync(screenshotPath);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000);
  });
});

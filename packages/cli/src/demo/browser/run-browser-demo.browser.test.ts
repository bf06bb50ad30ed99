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
    // The demo trace dips below the FLAC rungs and recovers: both codecs are chosen.
    expect(result.snapshot.switches.some((id) => id.startsWith('flac'))).toBe(true);
    expect(result.snapshot.switches.some((id) => id.startsWith('opus'))).toBe(true);
    const png = readFileSync(screenshotPath);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000);
  });
});

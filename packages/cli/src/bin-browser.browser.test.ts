import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumForTests, REQUIRE_BROWSER_ENV } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const pageBundle = fileURLToPath(new URL('../dist/player-page.js', import.meta.url));
const built = existsSync(bin) && existsSync(pageBundle);
// CI builds before it tests: there the built CLI must be checked, not skipped.
if (!built && process.env[REQUIRE_BROWSER_ENV] === '1') {
  throw new Error(`${bin} or ${pageBundle} missing: run pnpm build before the tests`);
}
const chromiumPath = built ? chromiumForTests('built legato demo --browser') : undefined;
const dir = mkdtempSync(join(tmpdir(), 'legato-bin-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(chromiumPath === undefined)('the built CLI: legato demo --browser', () => {
  it('plays in headless Chromium from dist/, with the page bundle built at build time', () => {
    const screenshot = join(dir, 'player.png');
    const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
    const r = spawnSync(
      process.execPath,
      [bin, 'demo', '--browser', '--speed', '10', '--screenshot', screenshot],
      { encoding: 'utf8', timeout: 90_000, env, cwd: dir },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('OK: played to the end in the browser');
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(pageBundle, 'utf8')).toContain('startPlayer');
  }, 120_000);
});

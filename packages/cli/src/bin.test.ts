import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));

/** The real process: exit status and stderr as a shell user sees them. */
function legato(...argv: string[]) {
  const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', bin, ...argv], {
    encoding: 'utf8',
    timeout: 30_000,
    env,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

it('the legato process exits 2 with one line for bad input, 0 for --version', () => {
  const report = legato('demo', '--report', '/missing-dir/x.html');
  expect(report).toEqual({
    status: 2,
    out: '',
    err: 'legato demo: INVALID_ARGUMENT: --report: no such directory: /missing-dir (for /missing-dir/x.html)\n',
  });
  const speed = legato('demo', '--speed', '-1');
  expect(speed.status).toBe(2);
  expect(speed.err.split('\n')).toHaveLength(2);
  expect(legato('--version')).toMatchObject({ status: 0, err: '' });
  // No display: fails at once instead of waiting on a window that cannot open.
  const headed = legato('demo', '--browser', '--headed');
  expect(headed.status).toBe(2);
  expect(headed.err).toMatch(/^legato demo: INVALID_ARGUMENT: --headed: no display[^\n]*\n$/);
});

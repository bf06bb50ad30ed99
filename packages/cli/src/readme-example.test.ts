import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';
import { main } from './main.js';

const mpd = fileURLToPath(new URL('../../mpd/fixtures/amazon-sample.mpd', import.meta.url));

it('README example: run a command programmatically and get its exit code', async () => {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    // #region readme
    const ok = await main(['inspect', mpd, '--json']); // 0: printed the manifest model
    const bad = await main(['inspect', '/no/such/file.mpd']); // 2: the error code on stderr
    const unknown = await main(['frobnicate']); // 2: usage on stderr
    // #endregion
    expect([ok, bad, unknown]).toEqual([0, 2, 2]);
    expect(String(out.mock.calls.map((c) => c[0]).join(''))).toContain('"representations"');
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
});

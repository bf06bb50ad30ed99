import { parseMpd } from '@legato/mpd';
import { startSandbox } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

describe('startSandbox', () => {
  it('serves the fixtures with an MPD pointing at its own license server, then closes cleanly', async () => {
    const sandbox = await startSandbox({ tracks: ['tone-a', 'tone-b'], speed: 10 });
    try {
      const info = sandbox.playbackInformation('tone-a');
      expect(info.url).toBe(`${sandbox.origin.url}/v1/tone-a/manifest.mpd`);
      expect(sandbox.playbackInformation('tone-a', 2).url).toContain('/v2/tone-a/');
      const response = await fetch(info.url);
      expect(response.status).toBe(200);
      const manifest = parseMpd(await response.text(), { baseUrl: info.url });
      const protection = manifest.periods[0]?.adaptationSets[0]?.contentProtection ?? [];
      expect(protection.map((p) => p.licenseUrl)).toContain(sandbox.license.licenseUrl);
      expect(sandbox.fixtures.map((f) => f.trackId)).toEqual(['tone-a', 'tone-b']);
      expect(sandbox.getToken()).toBe('sandbox-token');
      const t0 = sandbox.scheduler.now();
      await new Promise((r) => setTimeout(r, 50));
      expect(sandbox.scheduler.now() - t0).toBeGreaterThanOrEqual(400);
    } finally {
      await sandbox.close();
    }
    expect(sandbox.origin.openResponses).toBe(0);
  });
});

import { parsePlaybackInformation } from '@legato/drm';
import { describe, expect, it } from 'vitest';
import { setup } from './_test/virtual-engine.js';

// The playbackInformation port in virtual time: the expiry refresh, the resume position.
describe('engine playbackInformation port (virtual time)', () => {
  it('refreshes refreshMarginS before expiry, and a margin as long as the lifetime does not loop', async () => {
    const due = setup({ engine: { refreshMarginS: 300 } });
    // Loaded and left paused: the track (and its expiry timer) stays alive for the hour.
    due.engine.load({ id: 't1', playbackInformation: due.info('v1') });
    await due.clock.advance(3_400_000, 50_000);
    // Fetched at 0, valid 3600 s: refreshed at 3300 s, then no more within the session.
    expect(due.refreshed).toEqual(['t1']);
    const greedy = setup({ engine: { refreshMarginS: 7200 } });
    greedy.engine.load({ id: 't1', playbackInformation: greedy.info('v1') });
    await greedy.clock.advance(1_700_000, 50_000);
    // A margin past the lifetime counts as half of it: due at 1800 s (not at once, again and again).
    expect(greedy.refreshed).toEqual([]);
    await greedy.clock.advance(200_000, 50_000);
    expect(greedy.refreshed).toEqual(['t1']);
  });

  it('starts at progressMilliseconds, at an own startPositionS first, and from 0 past the end', async () => {
    const at = async (progressMs: number | null, startPositionS?: number) => {
      const t = setup();
      const info = parsePlaybackInformation(
        {
          url: 'https://cdn.example/v1/manifest.mpd',
          protocol: 'DASH',
          format: 'ENCRYPTED_OPUS_FLAC',
          licenseHeaders: {},
          progressMilliseconds: progressMs,
        },
        0,
      );
      t.engine.load({
        id: 't1',
        playbackInformation: info,
        ...(startPositionS === undefined ? {} : { startPositionS }),
      });
      t.engine.play();
      await t.clock.advance(15_000, 100);
      t.engine.stop();
      return [t.reports.find((r) => r.type === 'start')?.positionS, t.sink.appended[0]?.startS];
    };
    expect(await at(null)).toEqual([0, 0]);
    expect(await at(42_000)).toEqual([42, 40]);
    expect(await at(42_000, 15)).toEqual([15, 10]);
    expect(await at(10_000_000)).toEqual([0, 0]);
  });

  it('refuses a start position that is negative or not a number, at load', () => {
    const t = setup();
    expect(() =>
      t.engine.load({ id: 't1', playbackInformation: t.info('v1'), startPositionS: -1 }),
    ).toThrow(/startPositionS expected a finite number ≥ 0, received -1/);
    expect(() =>
      t.engine.load({ id: 't1', playbackInformation: t.info('v1'), startPositionS: Number.NaN }),
    ).toThrow(/received NaN/);
  });
});

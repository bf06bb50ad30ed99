import { describe, expect, it } from 'vitest';
import { decryptsToSource, eventsOf as of, useE2e } from './_test/e2e-harness.js';

// The watchdog's recoveries end to end over loopback (real origin and license server, software
// ClearKey CDM, decrypting sink, scaled clock). Speed 10: the 60 s fixture takes 6 s of wall time.
const SPEED = 10;
const start = useE2e();

describe('engine end to end over loopback: the watchdog', () => {
  it('a stalled MPD while starting: retry-segment re-requests it and the track plays', async () => {
    // The first MPD response never sends a byte; the fetch's own timeout would give up on it
    // after 10 s. The watchdog's 2 s start limit comes first. Only retries are configured, so a
    // slow machine (start runs until playback, after the MPD) costs a retry, never a refresh.
    const t = await start({
      speed: SPEED,
      originFaults: [{ type: 'stall', afterBytes: 0, match: { path: /\.mpd$/ }, times: 1 }],
      engine: {
        watchdog: {
          startingMs: 2_000,
          recoveries: { starting: ['retry-segment', 'retry-segment', 'retry-segment'] },
        },
      },
    });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    const dog = of(t.events, 'watchdog');
    expect(dog[0]).toMatchObject({ phase: 'starting', action: 'retry-segment' });
    expect(dog[0]!.stalledMs).toBeGreaterThanOrEqual(2_000);
    const mpd = t.origin.requests.filter((r) => r.path.endsWith('.mpd'));
    expect(mpd.map((r) => r.fault)).toEqual(['stall', undefined]);
    // Re-requested at the watchdog's limit, long before the fetch's own timeout (origin ms).
    expect(mpd[1]!.atMs - mpd[0]!.atMs).toBeLessThan(6_000);
    const loaded = of(t.events, 'manifest-loaded')[0];
    expect(loaded!.atMs).toBeLessThan(dog[1]?.atMs ?? Number.POSITIVE_INFINITY);
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(t.refreshed).toEqual([]);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });
});

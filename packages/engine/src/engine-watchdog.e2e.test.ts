import { describe, expect, it } from 'vitest';
import { decryptsToSource, eventsOf as of, useE2e } from './_test/e2e-harness.js';

// The watchdog's recoveries end to end over loopback (real origin and license server, software
// ClearKey CDM, decrypting sink, scaled clock). Speed 10: the 60 s fixture takes 6 s of wall time.
const SPEED = 10;
const start = useE2e();

describe('engine end to end over loopback: the watchdog', () => {
  it('a stalled MPD while starting: retry-segment re-requests it and the track plays', async () => {
    // The first MPD response never sends a byte; the fetch's own first-byte timeout would give up
    // on it after 10 s. The watchdog's 2 s start limit comes first. At speed 10 that limit is
    // 200 ms of wall time, and a cold worker on a loaded machine has needed more than that from
    // the retry to the parsed MPD (measured: 480 ms under two CPU hogs), so the watchdog may
    // retry again before the start is through (retries add up over the whole start: a cold start
    // under load used three). So only retries are configured, enough that a slow start is never
    // fatal, and which retry brought the MPD in is not asserted here — the virtual-time test
    // (create-engine.watchdog.test.ts) pins that the first one does.
    const t = await start({
      speed: SPEED,
      originFaults: [{ type: 'stall', afterBytes: 0, match: { path: /\.mpd$/ }, times: 1 }],
      engine: {
        watchdog: {
          startingMs: 2_000,
          recoveries: { starting: Array.from({ length: 8 }, () => 'retry-segment' as const) },
        },
      },
    });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    const dog = of(t.events, 'watchdog');
    expect(dog[0]).toMatchObject({ phase: 'starting', action: 'retry-segment' });
    expect(dog[0]!.stalledMs).toBeGreaterThanOrEqual(2_000);
    expect(dog.map((e) => [e.phase, e.action])).toEqual(
      dog.map(() => ['starting', 'retry-segment']),
    );
    // The stalled request, then the re-request(s): the MPD came from an unfaulted one.
    const mpd = t.origin.requests.filter((r) => r.path.endsWith('.mpd'));
    expect(mpd.map((r) => r.fault)).toEqual(['stall', ...mpd.slice(1).map(() => undefined)]);
    expect(mpd.length).toBeGreaterThanOrEqual(2);
    // Re-requested at the watchdog's limit, before the fetch's own first-byte timeout (10 s)
    // could have retried it (origin ms).
    expect(mpd[1]!.atMs - mpd[0]!.atMs).toBeLessThan(10_000);
    expect(of(t.events, 'manifest-loaded')).toHaveLength(1);
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(t.refreshed).toEqual([]);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });
});

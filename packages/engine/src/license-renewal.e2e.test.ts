import { amazonLicenseTransport, createSessionCache } from '@legato/drm';
import type { SchedulerLike } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { decryptsToSource, eventsOf as of, useE2e } from './_test/e2e-harness.js';

// Renewal that survives, end to end over loopback (real license server, software ClearKey CDM,
// decrypting sink, scaled clock). 20 s licenses: the session renews at 10 s (media time), the
// license expires at 20 s, and the clear lead ends at 30 s: without a license by then playback
// would wait for the key.
const SPEED = 20;
const start = useE2e();

async function playWithShortLicense(faults: { delayMs: number; times: number }) {
  const t = await start({ speed: SPEED, engine: { drm: { expirationTestSecs: 20 } } });
  t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
  t.engine.play();
  // Once the first license is in, the server answers the next requests too late: after the
  // transport's 10 s timeout (0.5 s of wall time at speed 20), i.e. the client has given up.
  const licensed = () => t.events.some((e) => e.type === 'license' && e.status === 'usable');
  while (!licensed()) await new Promise((resolve) => setTimeout(resolve, 5));
  t.license.addFaults(faults);
  await t.finished();
  return t;
}

describe('engine end to end over loopback: license renewal', () => {
  it('a renewal answered after the timeout: the key expires, is re-acquired within the recovery window, and the track plays to the end', async () => {
    const t = await playWithShortLicense({ delayMs: 2_000, times: 1 });
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    const statuses = of(t.events, 'license').map((e) => e.status);
    expect(statuses).toContain('renewing');
    // The key expired and the session came back through a new CDM session and license.
    expect(statuses.slice(statuses.indexOf('renewing'))).toEqual(
      expect.arrayContaining(['creating', 'requesting-license', 'usable']),
    );
    // The late renewal never reached the client; the re-acquisition got a new license.
    expect(t.license.requests.slice(0, 3).map((r) => [r.kind, r.aborted])).toEqual([
      ['license', false],
      ['renewal', true],
      ['license', false],
    ]);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });

  it("a license server that never answers again: a typed CDM_KEY_EXPIRED within expiry + the engine's 90 s recovery window", async () => {
    const t = await playWithShortLicense({ delayMs: 60_000, times: 1000 });
    const errors = of(t.events, 'error');
    expect(errors.map((e) => [e.error.code, e.fatal])).toEqual([['CDM_KEY_EXPIRED', true]]);
    // The bound: the license's expiry (as the server issued it) + the engine's recovery window
    // (the default watchdog's waiting-for-key budget: 30 s × (2 recoveries + 1) = 90 s), plus
    // scheduling slack of the scaled real-time clock.
    const expiresAtMs = t.license.requests[0]?.expirationMs ?? Number.NaN;
    const failedAfterExpiryMs = (errors[0]?.atMs ?? Number.POSITIVE_INFINITY) - expiresAtMs;
    expect(failedAfterExpiryMs).toBeGreaterThanOrEqual(90_000);
    expect(failedAfterExpiryMs).toBeLessThanOrEqual(90_000 + 2_000);
    expect(of(t.events, 'track-end')).toEqual([]);
  });

  it('a lost license request with the session cache on: the watchdog re-acquires with a new request to the server', async () => {
    // The first license answer never comes (held for a minute of wall time) and the transport
    // waits for it (no timeout of its own): only the watchdog can get a license. Re-subscribing
    // to the cache would hand the stuck session back; drm's re-acquisition sends a new request.
    let scheduler: SchedulerLike | undefined;
    const t = await start({
      speed: SPEED,
      licenseFaults: [{ delayMs: 60_000, times: 1 }],
      engine: {
        watchdog: { waitingForKeyMs: 4_000 },
        drm: {
          sessionCache: createSessionCache({ maxSessions: 4 }),
          licenseTransport: ({ licenseUrl, licenseHeaders }) =>
            amazonLicenseTransport({
              licenseUrl,
              licenseHeaders,
              getToken: t.getToken,
              userAgent: 'legato-e2e/1.0',
              allowInsecureOrigins: true,
              timeoutMs: 10_000_000,
              ...(scheduler ? { scheduler } : {}),
            }),
        },
      },
    });
    scheduler = t.scheduler;
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'watchdog').map((e) => [e.phase, e.action])).toEqual([
      ['waiting-for-key', 'reacquire-license'],
    ]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    // The server saw two license requests: the held one (abandoned by the client) and the new one.
    const byArrival = [...t.license.requests].sort((a, b) => a.number - b.number);
    expect(byArrival.map((r) => [r.kind, r.aborted])).toEqual([
      ['license', true],
      ['license', false],
    ]);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });
});

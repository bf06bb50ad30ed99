import { createTrace } from '@legato/sim';
import { loadFixtureTrack, SANDBOX_TOKEN } from '@legato/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptsToSource, startE2e } from './_test/e2e-harness.js';

// Loopback end to end: real origin, real license server, software ClearKey CDM, decrypting sink.
// Speed 20: a 60 s fixture plays in about 3 s of wall time, all timing relations kept.
const SPEED = 20;
let running: Awaited<ReturnType<typeof startE2e>> | undefined;
async function start(options: Parameters<typeof startE2e>[0]) {
  running = await startE2e(options);
  return running;
}
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const of = <T extends { type: string }, K extends T['type']>(events: T[], type: K) =>
  events.filter((e): e is Extract<T, { type: K }> => e.type === type);

describe('engine end to end over loopback', () => {
  it('plays the fixture to the end; encrypted segments decrypt to the source; no stall at the clear-lead boundary', async () => {
    const t = await start({ speed: SPEED });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    const fixture = t.fixtures[0]!;
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end').map((e) => e.trackId)).toEqual(['tone-a']);
    const records = t.sink.records();
    expect(records.map((r) => r.startS)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(records.filter((r) => r.wasEncrypted).map((r) => r.startS)).toEqual([30, 40, 50]);
    expect(decryptsToSource(fixture, records)).toEqual([]);
    expect(of(t.events, 'stall')).toEqual([]);
    // The license was usable before the playhead reached the clear-lead boundary.
    const usable = t.events.find((e) => e.type === 'license' && e.status === 'usable');
    expect(usable).toBeDefined();
    // One license request, with the bearer token and every licenseHeaders entry; none to the CDN.
    expect(t.license.requests.map((r) => [r.status, r.form, r.kids])).toEqual([
      [200, 'amazon', [fixture.kid]],
    ]);
    expect(t.license.requests[0]?.headers['x-amz-music-asin']).toBe('B0LEGATO01');
    expect(t.license.requests[0]?.headers['user-agent']).toBe('legato-e2e/1.0');
    expect(t.origin.requests.some((r) => JSON.stringify(r.headers).includes(SANDBOX_TOKEN))).toBe(
      false,
    );
    expect(t.reports.map((r) => r.type)).toEqual(['start', 'progress', 'track-end']);
    // Step 14: the track's session was closed.
    expect(t.cdm.keyStatus(fixture.kid)).toBeUndefined();
  });

  it('a license delayed past the clear lead gives exactly one waiting-for-key stall, then recovers', async () => {
    // The license server is unavailable twice (503, Retry-After 25 s): the license arrives after
    // 50 s, while the 30 s clear lead runs out first.
    const t = await start({
      speed: SPEED,
      licenseFaults: [{ status: 503, retryAfterS: 25, times: 2 }],
    });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    const stalls = of(t.events, 'stall');
    expect(stalls.map((s) => s.cause)).toEqual(['key']);
    expect(stalls[0]?.positionS).toBeCloseTo(30, 0);
    expect(of(t.events, 'stall-end')).toHaveLength(1);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });

  it('a 403 license is a fatal, clean stop', async () => {
    const t = await start({ speed: SPEED, licenseFaults: [{ status: 403 }] });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    const errors = of(t.events, 'error');
    expect(errors.map((e) => [e.fatal, e.error.code])).toEqual([[true, 'LICENSE_DENIED']]);
    expect(t.license.requests).toHaveLength(1); // 403 is not retried
    await new Promise((r) => setTimeout(r, 100)); // requests already on the wire may still arrive
    const requests = t.origin.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(t.origin.requests.length).toBe(requests); // nothing after the stop
    expect(t.origin.openResponses).toBe(0);
    expect(t.cdm.keyStatus(t.fixtures[0]!.kid)).toBeUndefined();
    expect(t.reports.at(-1)).toMatchObject({ type: 'error', code: 'LICENSE_DENIED' });
  });

  it('a media 403 (expired playback URLs) refreshes playbackInformation and plays on without a gap', async () => {
    // v1 URLs expire at 5 s of origin time (after the startup fetches, before the last
    // segments are fetched); the refreshed playbackInformation points at v2.
    const t = await start({
      speed: SPEED,
      originFaults: [{ type: 'expire', afterMs: 5_000, match: { path: /^\/v1\/.*\.mp4$/ } }],
    });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    expect(t.refreshed).toEqual(['tone-a']);
    expect(of(t.events, 'playback-info-refreshed').map((e) => e.reason)).toEqual(['forbidden']);
    expect(t.origin.requests.filter((r) => r.status === 403).length).toBeGreaterThan(0);
    expect(
      t.origin.requests.some((r) => r.path.startsWith('/v2/') && r.path.endsWith('.mp4')),
    ).toBe(true);
    expect(of(t.events, 'stall')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });

  it('a step-down trace causes a down-switch before any stall', async () => {
    const trace = createTrace(
      [
        { durationMs: 20_000, bitsPerSecond: 2_000_000, latencyMs: 20 },
        { durationMs: 600_000, bitsPerSecond: 100_000, latencyMs: 20 },
      ],
      { name: 'step-down', end: 'hold' },
    );
    // A 20 s goal keeps segments being fetched after the step (0.8 × 100 kb/s fits Opus 32k only).
    const t = await start({
      speed: SPEED,
      trace,
      engine: {
        abr: { defaultEstimateBps: 1_000_000 },
        buffer: { forwardGoalS: 20, backBufferS: 1000 },
      },
    });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    const reps = of(t.events, 'representation');
    const top = reps[0]!.bitrateBps;
    expect(top).toBe(
      Math.max(...t.fixtures[0]!.representations.map((r) => r.bandwidthBitsPerSecond)),
    );
    const down = reps.find((r) => r.bitrateBps < top);
    expect(down).toBeDefined();
    const firstStall = of(t.events, 'stall')[0];
    if (firstStall) expect(down!.atMs).toBeLessThan(firstStall.atMs);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });

  it('a sink that runs out of space: played media is evicted and the track still plays to the end', async () => {
    // Room for about three of the largest segments.
    const largest = Math.max(
      ...loadFixtureTrack('tone-a').representations.flatMap((r) =>
        r.segments.map((seg) => seg.endByte - seg.startByte + 1),
      ),
    );
    const t = await start({ speed: SPEED, sinkQuotaBytes: 3 * largest });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    // The harness keeps a 1000 s back buffer: only the quota path could have evicted.
    const records = t.sink.records();
    expect(records.length).toBeLessThanOrEqual(3);
    expect(records.at(-1)?.startS).toBe(50);
    expect(decryptsToSource(t.fixtures[0]!, records)).toEqual([]);
  });

  it('a license that expires mid-track is renewed through the same server without a stall', async () => {
    // The expiration test header asks for 25 s licenses: the session renews before each expiry.
    const t = await start({ speed: SPEED, engine: { drm: { expirationTestSecs: 25 } } });
    t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
    t.engine.play();
    await t.finished();
    expect(of(t.events, 'error')).toEqual([]);
    expect(t.license.requests.length).toBeGreaterThanOrEqual(2);
    expect(t.license.requests.every((r) => r.status === 200)).toBe(true);
    expect(t.license.requests[0]?.headers['x-amz-music-license-expiration-secs']).toBe('25');
    expect(of(t.events, 'license').map((e) => e.status)).toContain('renewing');
    expect(of(t.events, 'stall')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
  });

  it('a 2-track queue plays gaplessly, with one license session per track', async () => {
    const t = await start({ speed: SPEED, tracks: ['tone-a', 'tone-b'] });
    t.engine.load([
      { id: 'tone-a', playbackInformation: t.info('tone-a') },
      { id: 'tone-b', playbackInformation: t.info('tone-b') },
    ]);
    t.engine.play();
    await t.finished();
    const [a, b] = t.fixtures;
    // One sink timeline: tone-b's segments follow tone-a's with no hole and no overlap.
    const records = t.sink.records();
    expect(records.map((r) => r.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(
      decryptsToSource(
        a!,
        records.filter((r) => r.startS < 60),
      ),
    ).toEqual([]);
    expect(
      decryptsToSource(
        b!,
        records.filter((r) => r.startS >= 60),
        60,
      ),
    ).toEqual([]);
    expect(t.license.requests.map((r) => r.kids)).toEqual([[a!.kid], [b!.kid]]);
    expect(of(t.events, 'track-end').map((e) => e.trackId)).toEqual(['tone-a', 'tone-b']);
    expect(of(t.events, 'stall')).toEqual([]);
  });
});

import { loadFixtureTrack, SANDBOX_TOKEN } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { decryptsToSource, eventsOf, useE2e } from './_test/e2e-harness.js';

// Loopback end to end: real origin, real license server, software ClearKey CDM, decrypting sink.
// Speed 20: a 60 s fixture plays in about 3 s of wall time, all timing relations kept.
const SPEED = 20;
const start = useE2e();
const of = eventsOf;

describe('engine end to end over loopback: playback', () => {
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

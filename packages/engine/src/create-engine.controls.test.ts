import { createSessionCache } from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';
import { KID } from './_test/synthetic-origin.js';
import { setup } from './_test/virtual-engine.js';

describe('createEngine — controls, refresh, stop (virtual time)', () => {
  it('refreshes playbackInformation before it expires, without a gap', async () => {
    // Expires 3600 s after fetch; with a 3590 s margin the refresh is due at 10 s.
    const t = setup({ engine: { refreshMarginS: 3590 } });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 100);
    // Each fresh playbackInformation is again due 10 s after it was fetched.
    const refreshes = t.events.filter((e) => e.type === 'playback-info-refreshed');
    expect(refreshes.slice(0, 3)).toEqual(
      [10_000, 20_000, 30_000].map((atMs) => expect.objectContaining({ reason: 'expiry', atMs })),
    );
    // (one more may have been in flight when the track ended and its runtime closed)
    expect(t.refreshed.length - refreshes.length).toBeLessThanOrEqual(1);
    expect(t.seen.some((r) => r.url.endsWith('/v2/manifest.mpd'))).toBe(true);
    expect(t.events.some((e) => e.type === 'stall')).toBe(false);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('pause holds the playhead, play resumes, seek jumps; each is reported', async () => {
    const t = setup({ licenseDelayMs: 1000 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(15_000, 100);
    t.engine.pause();
    const pausedAt = t.sink.positionS();
    await t.clock.advance(10_000, 100);
    expect(t.sink.positionS()).toBe(pausedAt);
    expect(t.statuses.at(-1)).toBe('paused');
    t.engine.play();
    await t.clock.advance(1000, 100);
    t.engine.seek(55);
    await t.clock.advance(60_000, 100);
    // Progress counts from the seek target: 30 s after 55.
    expect(t.reports.map((r) => [r.type, r.positionS])).toEqual([
      ['start', 0],
      ['pause', pausedAt],
      ['resume', pausedAt],
      ['seek', 55],
      ['progress', 85],
      ['track-end', 90],
    ]);
    expect(t.reports.find((r) => r.type === 'pause')?.positionS).toBeCloseTo(pausedAt, 0);
    expect(t.reports.find((r) => r.type === 'seek')?.positionS).toBe(55);
    expect(t.sink.appended.some((c) => c.startS === 50)).toBe(true);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('a seek beyond the clear lead before the key is usable waits for the key, then plays', async () => {
    const t = setup({ licenseDelayMs: 20_000 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(3_000, 100);
    t.engine.seek(45);
    await t.clock.advance(100_000, 100);
    const stalls = t.events.flatMap((e) => (e.type === 'stall' ? [[e.cause, e.positionS]] : []));
    expect(stalls).toEqual([['key', 45]]);
    const usableAt = t.events.find((e) => e.type === 'license' && e.status === 'usable')?.atMs;
    const resumedAt = t.events.find((e) => e.type === 'stall-end')?.atMs;
    expect(resumedAt).toBeGreaterThanOrEqual(usableAt ?? Number.POSITIVE_INFINITY);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('stop() aborts, closes the license session and fetches nothing more', async () => {
    const t = setup({ licenseDelayMs: 1000 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(12_000, 100);
    expect(t.cdm.keyStatus(KID)).toBe('usable');
    t.engine.stop();
    const seen = t.seen.length;
    const position = t.sink.positionS();
    await t.clock.advance(30_000, 500);
    expect(t.seen.length).toBe(seen);
    expect(t.sink.positionS()).toBe(position);
    expect(t.cdm.keyStatus(KID)).toBeUndefined();
    expect(t.statuses.at(-1)).toBe('stopped');
    t.engine.stop(); // idempotent
    expect(t.statuses.at(-1)).toBe('stopped');
  });

  it('setPreferences({ dataSaver }) moves to the SD ladder from the next segment', async () => {
    const t = setup({
      engine: { abr: { defaultEstimateBps: 20_000_000, startupRule: 'throughput' } },
    });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(1_000, 100);
    expect(t.sink.appended[0]?.representationId).toBe('flac-hd');
    t.engine.setPreferences({ dataSaver: true });
    const n = t.sink.appended.length;
    await t.clock.advance(100_000, 100);
    const later = t.seen.filter((r) => r.url.endsWith('.mp4')).slice(-4);
    expect(later.every((r) => r.url.endsWith('opus-128.mp4'))).toBe(true);
    expect(t.sink.appended.slice(n + 3).every((c) => c.representationId === 'opus-128')).toBe(true);
    expect(
      t.events
        .filter((e) => e.type === 'representation')
        .map((e) => e.type === 'representation' && e.representationId),
    ).toEqual(['flac-hd', 'opus-128']);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('provisions an unprovisioned device CDM once before the license request (step 1)', async () => {
    const t = setup({ requireProvisioning: true });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 100);
    const license = t.events.flatMap((e) => (e.type === 'license' ? [e.status] : []));
    expect(license.slice(0, 2)).toEqual(['provisioning', 'creating']);
    expect(t.provisioningRequests).toHaveLength(1);
    expect(t.licenseRequests[0]).toBeGreaterThan(t.provisioningRequests[0] as number);
    expect(t.cdm.isProvisioned()).toBe(true);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('a second load() replaces the first track: sink emptied, new session, played from 0', async () => {
    const t = setup({ licenseDelayMs: 1000 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(20_000, 100);
    t.engine.load({ id: 't2', playbackInformation: t.info('v2') });
    await t.clock.advance(100_000, 100);
    expect(t.cdm.keyStatus(KID)).toBeUndefined(); // both sessions closed by now
    expect(t.licenseRequests).toHaveLength(2);
    const t2Appends = t.sink.appended.slice(
      t.sink.appended.findIndex((c, i) => i > 0 && c.startS === 0),
    );
    expect(t2Appends.map((c) => c.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(t.reports.filter((r) => r.type === 'start').map((r) => r.trackId)).toEqual(['t1', 't2']);
    expect(t.events.some((e) => e.type === 'error')).toBe(false);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('plays a clear track without any license session', async () => {
    const t = setup({ clear: true });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 100);
    expect(t.licenseRequests).toEqual([]);
    expect(t.events.some((e) => e.type === 'license')).toBe(false);
    expect(t.sink.appended.every((c) => !c.encrypted)).toBe(true);
    expect(t.sink.appended).toHaveLength(9);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('with a session cache, playing the same track again reuses its license session', async () => {
    const t = setup({
      licenseDelayMs: 1000,
      engine: { drm: { sessionCache: createSessionCache({ maxSessions: 4 }) } },
    });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 100);
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    await t.clock.advance(100_000, 100);
    expect(t.reports.filter((r) => r.type === 'track-end')).toHaveLength(2);
    expect(t.licenseRequests).toHaveLength(1);
    expect(t.cdm.keyStatus(KID)).toBe('usable'); // kept open by the cache
    expect(t.events.some((e) => e.type === 'stall')).toBe(false);
  });

  it('rejects calls that do not fit its state with typed errors', () => {
    const t = setup();
    const codes: string[] = [];
    for (const call of [() => t.engine.seek(10), () => t.engine.load([])]) {
      try {
        call();
      } catch (e) {
        if (isLegatoError(e)) codes.push(e.code);
      }
    }
    expect(codes).toEqual(['ENGINE_STATE', 'INVALID_ARGUMENT']);
  });
});

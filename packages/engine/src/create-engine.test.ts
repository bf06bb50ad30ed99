import { createEngine, type EngineEvent } from '@legato/engine';
import { describe, expect, it } from 'vitest';
import { KID } from './_test/synthetic-origin.js';
import { setup } from './_test/virtual-engine.js';

const types = (events: EngineEvent[]) => events.map((e) => e.type);

describe('createEngine — README', () => {
  it('loads playbackInformation and plays', async () => {
    const { clock, scheduler, fetch, cdm, sink, licenseTransport, info } = setup();
    const playbackInformation = info('v1');
    const log: string[] = [];
    // #region readme
    const engine = createEngine({
      ports: { transport: fetch, cdm, sink, scheduler, getToken: () => 'lwa-token' },
      drm: { licenseTransport }, // default: the Amazon JSON license transport
      capabilities: { maxTrackType: 'HD', supportedCodecs: ['opus', 'flac'] },
    });
    engine.events$.subscribe((e) => {
      if (e.type === 'stall' || e.type === 'track-end') log.push(e.type);
      if (e.type === 'error') log.push(e.error.message);
      if (e.type === 'license') log.push(`license ${e.status}`);
    });
    engine.load({ id: 'B00MAZ814K', playbackInformation });
    engine.play();
    // #endregion
    await clock.advance(100_000, 100);
    expect(log).toEqual([
      'license creating',
      'license generating-request',
      'license requesting-license',
      'license updating',
      'license usable',
      'track-end',
    ]);
  });
});

describe('createEngine — a whole track in virtual time', () => {
  it('plays the clear lead while the license is fetched, then to the end, and reports it', async () => {
    const t = setup({ licenseDelayMs: 5000 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 100);
    const start = t.events.find((e) => e.type === 'playback-start');
    const usable = t.events.find((e) => e.type === 'license' && e.status === 'usable');
    expect(start?.atMs).toBeLessThan(1000);
    expect(usable?.atMs).toBeGreaterThanOrEqual(5000);
    expect(types(t.events)).not.toContain('stall');
    expect(t.statuses).toEqual(['idle', 'loading', 'playing', 'ended']);
    // Every segment reached the sink once, in order; the encrypted ones only after the key.
    expect(t.sink.appended.map((c) => c.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(t.sink.appended.filter((c) => c.encrypted).map((c) => c.startS)).toEqual([
      30, 40, 50, 60, 70, 80,
    ]);
    expect(t.sink.log.at(-1)).toBe('endOfStream');
    expect(t.reports.map((r) => r.type)).toEqual(['start', 'progress', 'progress', 'track-end']);
    expect(t.reports.every((r) => r.trackId === 't1')).toBe(true);
    // Step 14: the license session is closed at track end.
    expect(
      t.events
        .filter((e) => e.type === 'license')
        .map((e) => (e.type === 'license' ? e.status : ''))
        .at(-1),
    ).toBe('usable');
    expect(t.cdm.keyStatus(KID)).toBeUndefined();
  });

  it('a license delayed past the clear lead stalls exactly once, waiting for the key, then recovers', async () => {
    const t = setup({ licenseDelayMs: 45_000 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(150_000, 100);
    const stalls = t.events.filter((e) => e.type === 'stall');
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toMatchObject({ cause: 'key', positionS: expect.closeTo(30, 0) });
    expect(t.reports.filter((r) => r.type === 'stall')).toEqual([
      expect.objectContaining({ cause: 'key' }),
    ]);
    expect(types(t.events)).toContain('stall-end');
    expect(t.statuses).toEqual(['idle', 'loading', 'playing', 'stalled', 'playing', 'ended']);
  });

  it('a 403 from the license server is a fatal, clean stop', async () => {
    const t = setup({ licenseStatus: 403 });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(5000, 100);
    const errors = t.events.filter((e) => e.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ fatal: true, error: { code: 'LICENSE_DENIED' } });
    expect(t.statuses.at(-1)).toBe('failed');
    expect(t.reports.at(-1)).toMatchObject({ type: 'error', code: 'LICENSE_DENIED' });
    const requests = t.seen.length;
    await t.clock.advance(30_000, 500);
    expect(t.seen.length).toBe(requests); // nothing fetched after the stop
    expect(t.cdm.keyStatus(KID)).toBeUndefined();
    expect(t.licenseRequests).toHaveLength(1);
  });

  it('refreshes playbackInformation before it expires and after a media 403, without a stall', async () => {
    // v1 media URLs "expire" at 25 s: the CDN answers 403 from then on.
    const t = setup({
      mediaStatus: (url, nowMs) =>
        url.includes('/v1/') && url.endsWith('.mp4') && nowMs > 25_000 ? 403 : undefined,
    });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 100);
    expect(t.refreshed).toEqual(['t1']);
    // Each 403 arrives as a recoverable error; nothing fatal.
    const errors = t.events.flatMap((e) => (e.type === 'error' ? [[e.fatal, e.error.code]] : []));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(([fatal, code]) => fatal === false && code === 'FETCH_FORBIDDEN')).toBe(
      true,
    );
    expect(t.events.filter((e) => e.type === 'playback-info-refreshed')).toEqual([
      expect.objectContaining({ reason: 'forbidden' }),
    ]);
    expect(t.seen.some((r) => r.url.includes('/v2/') && r.url.endsWith('.mp4'))).toBe(true);
    expect(types(t.events)).not.toContain('stall');
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('plays a 2-track queue gaplessly, each track with its own license session', async () => {
    const t = setup({ licenseDelayMs: 3000 });
    t.engine.load([
      { id: 't1', playbackInformation: t.info('v1') },
      { id: 't2', playbackInformation: t.info('v2') },
    ]);
    t.engine.play();
    await t.clock.advance(200_000, 100);
    // One continuous sink timeline: track 2 starts where track 1 ends, no hole, one endOfStream.
    expect(t.sink.appended.map((c) => c.startS)).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170,
    ]);
    // Track 1's media left the sink behind the back-buffer limit; what is left is one range.
    expect(t.sink.buffered()).toEqual([{ startS: 140, endS: 180 }]);
    expect(t.sink.log.filter((l) => l === 'endOfStream')).toHaveLength(1);
    expect(t.licenseRequests).toHaveLength(2);
    // Track 2's session was usable before track 1 ended: no stall at the boundary.
    const t1End = t.events.find((e) => e.type === 'track-end' && e.trackId === 't1');
    const t2Usable = t.events.find(
      (e) => e.type === 'license' && e.trackId === 't2' && e.status === 'usable',
    );
    expect(t2Usable && t1End && t2Usable.atMs < t1End.atMs).toBe(true);
    expect(types(t.events)).not.toContain('stall');
    expect(t.reports.map((r) => `${r.type}:${r.trackId}`)).toEqual([
      'start:t1',
      'progress:t1',
      'progress:t1',
      'track-end:t1',
      'start:t2',
      'progress:t2',
      'progress:t2',
      'track-end:t2',
    ]);
    expect(t.statuses).toEqual(['idle', 'loading', 'playing', 'ended']);
    // The sink never paused between the tracks.
    expect(t.sink.log.filter((l) => l.startsWith('pause'))).toEqual([]);
  });
});

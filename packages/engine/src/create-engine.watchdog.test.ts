import { createSessionCache } from '@legato/drm';
import type { EngineEvent } from '@legato/engine';
import { isLegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';
import { setup } from './_test/virtual-engine.js';

type WatchdogEvent = Extract<EngineEvent, { type: 'watchdog' }>;
const watchdogOf = (events: EngineEvent[]) =>
  events.filter((e): e is WatchdogEvent => e.type === 'watchdog');

// The synthetic track: 90 s, a 30 s clear lead; the license transport answers after a delay.
describe('createEngine: the playback watchdog (virtual time)', () => {
  it('a license that never answers: re-acquire, refresh, then a typed fatal; never a silent stall', async () => {
    const t = setup({ licenseDelayMs: Number.POSITIVE_INFINITY });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(200_000, 250);
    const stall = t.events.find((e) => e.type === 'stall');
    expect(stall).toMatchObject({ cause: 'key' });
    const dog = watchdogOf(t.events);
    expect(dog.map((e) => [e.phase, e.action, e.attempt])).toEqual([
      ['waiting-for-key', 'reacquire-license', 1],
      ['waiting-for-key', 'refresh-playback-info', 2],
      ['waiting-for-key', 'fatal', 2],
    ]);
    // One limit (30 s by default) apart, counted from the stall.
    const gaps = dog.map((e) => e.atMs - (stall?.atMs ?? 0));
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(30_000 * (i + 1));
      expect(gap).toBeLessThanOrEqual(30_000 * (i + 1) + 500);
    });
    // A new license request each time: the re-acquisition and the one after the refresh.
    expect(t.licenseRequests).toHaveLength(3);
    expect(t.refreshed).toEqual(['t1']);
    expect(t.events.find((e) => e.type === 'playback-info-refreshed')).toMatchObject({
      reason: 'watchdog',
    });
    const fatal = t.events.find((e) => e.type === 'error');
    expect(fatal?.type === 'error' && fatal.fatal).toBe(true);
    const error = fatal?.type === 'error' ? fatal.error : undefined;
    expect(isLegatoError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'ENGINE_STALLED',
      retryable: true,
      details: { trackId: 't1', phase: 'waiting-for-key', recoveries: 2 },
    });
    expect(t.statuses.at(-1)).toBe('failed');
    expect(t.reports.at(-1)).toMatchObject({ type: 'error', code: 'ENGINE_STALLED' });
    // Nothing is left running: no further license request or watchdog event.
    await t.clock.advance(200_000, 1000);
    expect(t.licenseRequests).toHaveLength(3);
    expect(watchdogOf(t.events)).toHaveLength(3);
  });

  it('a lost license request: the re-acquired license plays the track to its end', async () => {
    const t = setup({ licenseDelayMs: (n) => (n === 0 ? Number.POSITIVE_INFINITY : 2000) });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(200_000, 250);
    expect(watchdogOf(t.events).map((e) => e.action)).toEqual(['reacquire-license']);
    expect(t.licenseRequests).toHaveLength(2);
    expect(t.events.filter((e) => e.type === 'stall')).toHaveLength(1);
    expect(t.events.some((e) => e.type === 'error')).toBe(false);
    expect(t.sink.appended.map((c) => c.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('a lost license request with a session cache: the re-acquisition is a new license request, not the cached session', async () => {
    const t = setup({
      licenseDelayMs: (n) => (n === 0 ? Number.POSITIVE_INFINITY : 2000),
      engine: { drm: { sessionCache: createSessionCache({ maxSessions: 4 }) } },
    });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(200_000, 250);
    expect(watchdogOf(t.events).map((e) => e.action)).toEqual(['reacquire-license']);
    expect(t.licenseRequests).toHaveLength(2);
    expect(t.events.some((e) => e.type === 'error')).toBe(false);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('a playbackInformation request that never answers while starting: retry-segment asks again', async () => {
    const t = setup({ playbackInfoHangs: 1, engine: { watchdog: { startingMs: 5000 } } });
    t.engine.load({ id: 't1' }); // by id: its playbackInformation comes from the port
    t.engine.play();
    await t.clock.advance(200_000, 250);
    const dog = watchdogOf(t.events);
    expect(dog.map((e) => [e.phase, e.action])).toEqual([['starting', 'retry-segment']]);
    expect(dog[0]!.stalledMs).toBeGreaterThanOrEqual(5000);
    expect(t.refreshed).toEqual(['t1', 't1']);
    expect(t.events.some((e) => e.type === 'error')).toBe(false);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('an MPD request that never answers while starting: the first retry-segment sends it again and loads it', async () => {
    const t = setup({
      mpdHangs: 1,
      engine: {
        watchdog: {
          startingMs: 2000,
          recoveries: { starting: ['retry-segment', 'retry-segment', 'retry-segment'] },
        },
      },
    });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(200_000, 250);
    const dog = watchdogOf(t.events);
    expect(dog.map((e) => [e.phase, e.action])).toEqual([['starting', 'retry-segment']]);
    expect(dog[0]!.stalledMs).toBeGreaterThanOrEqual(2000);
    // Re-sent at the watchdog's limit (the fetch's own first-byte timeout is 10 s), then answered.
    expect(t.mpdRequests).toHaveLength(2);
    expect(t.mpdRequests[1]! - t.mpdRequests[0]!).toBeGreaterThanOrEqual(2000);
    expect(t.mpdRequests[1]! - t.mpdRequests[0]!).toBeLessThan(2500);
    const loaded = t.events.find((e) => e.type === 'manifest-loaded');
    expect(loaded!.atMs).toBeGreaterThanOrEqual(t.mpdRequests[1]!);
    expect(t.refreshed).toEqual([]);
    expect(t.events.some((e) => e.type === 'error')).toBe(false);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('limits and recoveries are configurable: no recovery, a 5 s limit → fatal 5 s into the wait', async () => {
    const t = setup({
      licenseDelayMs: Number.POSITIVE_INFINITY,
      engine: { watchdog: { waitingForKeyMs: 5000, recoveries: { 'waiting-for-key': [] } } },
    });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(100_000, 250);
    const stall = t.events.find((e) => e.type === 'stall');
    const dog = watchdogOf(t.events);
    expect(dog.map((e) => e.action)).toEqual(['fatal']);
    expect((dog[0]?.atMs ?? 0) - (stall?.atMs ?? 0)).toBeGreaterThanOrEqual(5000);
    expect((dog[0]?.atMs ?? 0) - (stall?.atMs ?? 0)).toBeLessThanOrEqual(5500);
    expect(t.licenseRequests).toHaveLength(1);
    expect(t.statuses.at(-1)).toBe('failed');
  });

  it('a healthy track never hears from the watchdog', async () => {
    const t = setup();
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(200_000, 250);
    expect(watchdogOf(t.events)).toEqual([]);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('refuses a non-positive limit', () => {
    expect(() => setup({ engine: { watchdog: { rebufferingMs: 0 } } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

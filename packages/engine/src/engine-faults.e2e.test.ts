import type { OriginFaultAction } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { decryptsToSource, eventsOf, useE2e } from './_test/e2e-harness.js';

// Loopback end to end: real origin, real license server, software ClearKey CDM, decrypting sink.
// Speed 20: a 60 s fixture plays in about 3 s of wall time, all timing relations kept.
const SPEED = 20;
const start = useE2e();
const of = eventsOf;

/** Plays the fixture with `fault` on origin request 4 (a media segment with the throughput start). */
async function playWithFault4(fault: OriginFaultAction) {
  const t = await start({
    speed: SPEED,
    originFaults: [{ ...fault, match: { requestNumber: 4 }, times: 1 }],
    engine: { abr: { startupRule: 'throughput' } },
  });
  t.engine.load({ id: 'tone-a', playbackInformation: t.info('tone-a') });
  t.engine.play();
  return t;
}

/** `stop()`, then wall ms until the origin has no open response (fails past 3 s). */
async function stopAndWaitForResponsesClosed(t: Awaited<ReturnType<typeof start>>) {
  t.engine.stop();
  const stoppedAt = performance.now();
  while (t.origin.openResponses > 0 && performance.now() - stoppedAt < 3000)
    await new Promise((r) => setTimeout(r, 5));
  expect(t.origin.openResponses).toBe(0);
  return performance.now() - stoppedAt;
}

describe('engine end to end over loopback: faults and networks', () => {
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

  it('a media response that stalls forever is aborted at its stall timeout; playback goes on', async () => {
    const t = await playWithFault4({ type: 'stall', afterBytes: 1000 });
    await t.finished();
    const stalled = t.origin.requests.find((r) => r.fault === 'stall');
    expect(stalled?.path).toMatch(/\.mp4$/);
    // The retry asks for the same range, one stall timeout (10 s of origin time) later.
    const retry = t.origin.requests.find(
      (r) => r.number > 4 && r.range?.end === stalled?.range?.end,
    );
    expect(retry!.atMs - stalled!.atMs).toBeGreaterThanOrEqual(9_900);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
    // The stalled response would stay open forever had nobody aborted it.
    expect(t.origin.openResponses).toBe(0);
  });

  it('stop() during a stalled response closes it', async () => {
    const t = await playWithFault4({ type: 'stall', afterBytes: 1000 });
    while (!t.origin.requests.some((r) => r.fault === 'stall'))
      await new Promise((r) => setTimeout(r, 5));
    expect(await stopAndWaitForResponsesClosed(t)).toBeLessThan(1000);
  });

  it('a media body complete but never ended (chunked): used at once, closed, nothing open after stop()', async () => {
    const t = await playWithFault4({ type: 'hold-open', chunked: true });
    await t.finished();
    const held = t.origin.requests.find((r) => r.fault === 'hold-open');
    expect(held?.path).toMatch(/\.mp4$/);
    // Its bytes were used as they were: no timeout, no second request for the range.
    expect(t.origin.requests.filter((r) => r.range?.end === held?.range?.end)).toHaveLength(1);
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(t.fixtures[0]!, t.sink.records())).toEqual([]);
    expect(await stopAndWaitForResponsesClosed(t)).toBeLessThan(1000);
  });

  // The step-down in link rate mid-track is tested in virtual time (engine-step-down.test.ts):
  // deterministic, with controls that stall without the down-switch. The loopback drop with
  // request abandonment over real HTTP is in engine-abandon.e2e.test.ts.
});

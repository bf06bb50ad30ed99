import type { AbrConfig } from '@legato/abr';
import { createEngine, type EngineEvent } from '@legato/engine';
import type { Origin } from '@legato/testkit';
import {
  createScaledScheduler,
  createSoftwareClearKeyCdm,
  startOrigin,
  waitForSocketsClosed,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { eventsOf } from './_test/e2e-harness.js';
import { musicFiles, sabreTrace } from './_test/music-origin.js';
import { VirtualSink } from './_test/virtual-sink.js';

// The Sabre reference's music ladder (Opus 64/128/320 k, FLAC 1.1/1.9/3.3/5.6 M, 20 × 10 s
// segments) on the loopback origin, played by the engine at its default settings (40 s forward
// buffer) into a virtual-time sink. Speed 20: the 200 s track plays in about 10 s of wall time.
const SPEED = 20;

interface Scenario {
  /** Link shaping: a Sabre reference trace name, or a fixed rate (b/s) to start from. */
  readonly link: { readonly trace: string } | { readonly bitsPerSecond: number };
  readonly abr?: AbrConfig;
  /** Trace ms per wall ms. @default SPEED */
  readonly speed?: number;
  /** Called on every engine event (e.g. to change the link rate). */
  readonly onEvent?: (e: EngineEvent, origin: Origin) => void;
}

async function play(scenario: Scenario) {
  const speed = scenario.speed ?? SPEED;
  const scheduler = createScaledScheduler(speed);
  const link = scenario.link;
  const origin = await startOrigin({
    files: musicFiles(),
    ...('trace' in link ? { trace: sabreTrace(link.trace) } : {}),
    speed,
  });
  if ('bitsPerSecond' in link) origin.setThroughput(link.bitsPerSecond);
  const sink = new VirtualSink(scheduler);
  const engine = createEngine({
    ports: {
      cdm: createSoftwareClearKeyCdm({ scheduler }),
      sink,
      scheduler,
      getToken: () => 'unused: the track is clear',
    },
    allowInsecureOrigins: true,
    ...(scenario.abr ? { abr: scenario.abr } : {}),
  });
  const events: EngineEvent[] = [];
  /** Wall ms from each abandon event until the aborted response was closed at the origin. */
  const closedAfterMs: number[] = [];
  engine.events$.subscribe((e) => {
    events.push(e);
    scenario.onEvent?.(e, origin);
    if (e.type !== 'abandon') return;
    const from = performance.now();
    const poll = () => {
      // Only the re-request (if it started yet) may still be open.
      if (origin.openResponses <= 1) closedAfterMs.push(performance.now() - from);
      else if (performance.now() - from < 2000) setTimeout(poll, 2);
    };
    poll();
  });
  const finished = new Promise<string>((resolve) => {
    engine.state$.subscribe((s) => {
      if (s.status === 'ended' || s.status === 'failed' || s.status === 'stopped')
        resolve(s.status);
    });
  });
  engine.load({ id: 'music', mpdUrl: `${origin.url}/music/manifest.mpd` });
  engine.play();
  const status = await Promise.race([
    finished,
    new Promise<string>((r) => setTimeout(() => r('timeout'), 60_000)),
  ]);
  engine.stop();
  const requests = [...origin.requests];
  await origin.close();
  const stalls = eventsOf(events, 'stall');
  const ends = eventsOf(events, 'stall-end');
  const rebufferS = stalls.reduce((s, e, i) => s + ((ends[i]?.atMs ?? e.atMs) - e.atMs) / 1000, 0);
  return { status, events, requests, sink, closedAfterMs, stalls, rebufferS };
}

/** Drops the link to 900 kb/s as soon as the engine picks a FLAC rung of 3.3 Mb/s or more. */
const dropOnTopFlac: Scenario['onEvent'] = (e, origin) => {
  if (e.type === 'representation' && e.bitrateBps >= 3.3e6) origin.setThroughput(900e3);
};

// The mid-download drop runs at speed 10: at 20 a loaded machine's late timers cost the shaped
// link a large share of its rate, and under two CPU hogs the engine sometimes never picked a
// ≥ 3.3 Mb/s rung in the whole track, so nothing dropped (2 of 4 runs failed; 0 of 6 at 10).
// Its control (the same drop without abandonment rebuffers) runs in virtual time, in
// engine-step-down.test.ts: the rung reached before the drop, so whether and how long the
// player stalls without abandonment, depends on load here, which a test that must stall
// cannot absorb.
describe('engine end to end over loopback: the 8 → 0.9 Mb/s step and request abandonment', () => {
  it('drop.json (60 s at 8 Mb/s, then 900 kb/s) at default settings: plays to the end with 0 s rebuffering', async () => {
    const run = await play({ link: { trace: 'drop' } });
    expect(run.status).toBe('ended');
    expect(eventsOf(run.events, 'error')).toEqual([]);
    expect(run.sink.appended.map((c) => c.startS)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
    expect(run.stalls).toEqual([]);
    expect(run.rebufferS).toBe(0);
    expect(run.closedAfterMs).toHaveLength(eventsOf(run.events, 'abandon').length);
    expect(await waitForSocketsClosed()).toEqual([]);
  }, 90_000);

  it('the drop hits while a ≥ 3.3 Mb/s FLAC segment downloads: it is abandoned, its request aborted, re-requested lower; no rebuffering', async () => {
    const run = await play({ link: { bitsPerSecond: 8e6 }, onEvent: dropOnTopFlac, speed: 10 });
    expect(run.status).toBe('ended');
    expect(eventsOf(run.events, 'error')).toEqual([]);
    const abandons = eventsOf(run.events, 'abandon');
    expect(abandons.length).toBeGreaterThanOrEqual(1);
    const top = abandons.find((a) => /^flac-(3300|5600)$/.test(a.fromId));
    expect(top).toBeDefined();
    // Each aborted response closed at the origin well before its body could have been sent (the
    // rest of a 3.3 Mb/s segment at 900 kb/s needs > 25 s of trace, > 1.25 s of wall time).
    expect(run.closedAfterMs).toHaveLength(abandons.length);
    for (const ms of run.closedAfterMs) expect(ms).toBeLessThan(1000);
    // The segment was re-requested at the lower representation, and what played is where its
    // last abandonment sent it (the re-request may itself be dropped lower as the buffer drains).
    expect(run.requests.some((r) => r.path === `/music/${top!.toId}.mp4`)).toBe(true);
    const last = abandons.filter((a) => a.index === top!.index).at(-1)!;
    const played = run.sink.appended.find((c) => Math.abs(c.startS - top!.index * 10) < 1e-6);
    expect(played?.representationId).toBe(last.toId);
    expect(run.sink.appended.map((c) => c.startS)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
    expect(run.stalls).toEqual([]);
    expect(await waitForSocketsClosed()).toEqual([]);
  }, 90_000);
});

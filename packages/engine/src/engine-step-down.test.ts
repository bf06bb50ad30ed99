import type { AbrConfig } from '@legato/abr';
import { parsePlaybackInformation } from '@legato/drm';
import type { EngineEvent } from '@legato/engine';
import { throughputAt } from '@legato/sim';
import { describe, expect, it } from 'vitest';
import { decryptsToSource, eventsOf } from './_test/e2e-harness.js';
import { musicFiles, sabreTrace } from './_test/music-origin.js';
import { createVirtualPlayer, fixtureFiles } from './_test/virtual-player.js';
import { VirtualSink } from './_test/virtual-sink.js';

// A step down in link rate mid-track, in virtual time: the engine fetches over an in-memory
// link whose bodies arrive chunk by chunk on the virtual clock at the trace's rate, so every run
// sees the same bytes at the same virtual times, on any machine and under any load (the
// real-time loopback version, shaped at 20× speed, missed its down-switch under a loaded CI).
// What the ABR promises here: the down-switch (a decision or an abandoned request) comes before
// any stall, and there is no stall at all — the issue 13 bar is 0 s rebuffering on drop.json at
// default settings, and on the CENC fixture the rate after the step still carries the lowest
// rung with margin while the 20 s buffer outlasts the top-rung segment in flight. The controls
// show each scenario needs the down-switch: pinned to the top rung, the same step stalls.

const TONE_BASE = 'https://cdn.invalid/tone-a/';
const tone = fixtureFiles('tone-a', TONE_BASE, 'https://license.invalid/license');
const MUSIC_ORIGIN = 'https://cdn.invalid';
const music = new Map(
  Object.entries(musicFiles()).map(([path, bytes]) => [`${MUSIC_ORIGIN}${path}`, bytes]),
);

/** 2 Mb/s, then 60 kb/s from 12 s: below the top rung (110.6 kb/s), above Opus 32k (35.7 kb/s) / 0.9. */
const toneStep = (tMs: number) => (tMs < 12_000 ? 2_000_000 : 60_000);
const TONE_TOP_BPS = 110_595;

/** The tone-a fixture (CENC, ClearKey, decrypting sink) with a 20 s goal, over `toneStep`. */
async function playToneStep(abr: AbrConfig & { minBitsPerSecond?: number }, untilStall = false) {
  const p = createVirtualPlayer({
    files: tone.files,
    key: { kid: tone.track.kid, key: tone.track.key },
    link: { bitsPerSecondAt: toneStep, latencyMs: 20, chunkBytes: 16_384 },
    // A 20 s goal keeps segments being fetched after the step (the track is 60 s).
    engine: {
      abr: { defaultEstimateBps: 1_000_000, startupRule: 'throughput', ...abr },
      buffer: { forwardGoalS: 20, backBufferS: 1000 },
    },
  });
  p.engine.load({
    id: 'tone-a',
    playbackInformation: parsePlaybackInformation(
      {
        url: `${TONE_BASE}manifest.mpd`,
        protocol: 'DASH',
        format: 'ENCRYPTED_OPUS_FLAC',
        licenseHeaders: {},
      },
      0,
    ),
  });
  p.engine.play();
  const status = await p.run(10 * 60_000, 100, () => untilStall && hasStall(p.events));
  p.dispose();
  return { ...p, status };
}

/** The Sabre music ladder over drop.json (8 Mb/s, then 900 kb/s from 60 s), into a virtual sink. */
async function playDrop(abr: AbrConfig & { minBitsPerSecond?: number }, untilStall = false) {
  const trace = sabreTrace('drop');
  const p = createVirtualPlayer({
    files: music,
    link: { bitsPerSecondAt: (tMs) => throughputAt(trace, tMs), latencyMs: 20, chunkBytes: 16_384 },
    createSink: (scheduler) => new VirtualSink(scheduler),
    engine: { abr },
  });
  p.engine.load({ id: 'music', mpdUrl: `${MUSIC_ORIGIN}/music/manifest.mpd` });
  p.engine.play();
  const status = await p.run(30 * 60_000, 100, () => untilStall && hasStall(p.events));
  p.dispose();
  return { ...p, status };
}

/**
 * The music ladder at 8 Mb/s, dropped to 900 kb/s the moment the engine picks a FLAC rung of
 * 3.3 Mb/s or more: the drop hits while that segment downloads (the real-HTTP version of this
 * pair, shaped at 20× speed, picked different rungs from run to run — under load it sometimes
 * never reached 3.3 Mb/s before the end, so its no-abandonment control did not always stall).
 */
async function playDropOnTopFlac(abr: AbrConfig) {
  let bitsPerSecond = 8e6;
  const p = createVirtualPlayer({
    files: music,
    link: { bitsPerSecondAt: () => bitsPerSecond, latencyMs: 20, chunkBytes: 16_384 },
    createSink: (scheduler) => new VirtualSink(scheduler),
    engine: { abr },
  });
  p.engine.events$.subscribe((e) => {
    if (e.type === 'representation' && e.bitrateBps >= 3.3e6) bitsPerSecond = 900e3;
  });
  p.engine.load({ id: 'music', mpdUrl: `${MUSIC_ORIGIN}/music/manifest.mpd` });
  p.engine.play();
  const status = await p.run(30 * 60_000, 10);
  p.dispose();
  return {
    ...p,
    status,
    dropAtMs: eventsOf(p.events, 'representation').find((r) => r.bitrateBps >= 3.3e6)?.atMs,
  };
}

const hasStall = (events: EngineEvent[]) => events.some((e) => e.type === 'stall');

/** The first switch below `fromBps` after `afterMs`: a lower rung chosen, or a download abandoned lower. */
function firstDownSwitch(events: EngineEvent[], fromBps: number, afterMs: number) {
  const bitrateOf = new Map(
    eventsOf(events, 'representation').map((r) => [r.representationId, r.bitrateBps] as const),
  );
  const downs = [
    ...eventsOf(events, 'representation')
      .filter((r) => r.bitrateBps < fromBps)
      .map((r) => ({ id: r.representationId, atMs: r.atMs })),
    ...eventsOf(events, 'abandon')
      .filter((a) => (bitrateOf.get(a.toId) ?? fromBps) < fromBps)
      .map((a) => ({ id: a.toId, atMs: a.atMs })),
  ].filter((d) => d.atMs >= afterMs);
  return downs.sort((a, b) => a.atMs - b.atMs)[0];
}

/** Total stalled time, s (a stall without its end counts up to the last event). */
function rebufferS(events: EngineEvent[]): number {
  const ends = eventsOf(events, 'stall-end');
  const lastMs = events.at(-1)?.atMs ?? 0;
  return eventsOf(events, 'stall').reduce(
    (s, e, i) => s + ((ends[i]?.atMs ?? lastMs) - e.atMs) / 1000,
    0,
  );
}

describe('engine in virtual time: a step down in link rate mid-track', () => {
  it('CENC fixture, 2 Mb/s → 60 kb/s at 12 s: a down-switch before any stall, no stall, every segment decrypts', async () => {
    const run = await playToneStep({});
    expect(run.status).toBe('ended');
    expect(eventsOf(run.events, 'representation')[0]?.bitrateBps).toBe(TONE_TOP_BPS);
    const down = firstDownSwitch(run.events, TONE_TOP_BPS, 12_000);
    expect(down).toBeDefined();
    // …and the segments after it were fetched at the lower rung (not just a decision).
    expect(
      eventsOf(run.events, 'segment').some(
        (s) => s.representationId === down!.id && s.atMs >= down!.atMs,
      ),
    ).toBe(true);
    expect(eventsOf(run.events, 'stall')).toEqual([]);
    expect(eventsOf(run.events, 'track-end')).toHaveLength(1);
    expect(decryptsToSource(tone.track, run.sink.records())).toEqual([]);
  });

  it('control: the same step pinned to the top rung, without abandonment, stalls', async () => {
    const run = await playToneStep(
      { abandonRequests: false, minBitsPerSecond: TONE_TOP_BPS },
      true,
    );
    expect(firstDownSwitch(run.events, TONE_TOP_BPS, 0)).toBeUndefined();
    expect(eventsOf(run.events, 'stall').length).toBeGreaterThan(0);
  });

  it('music ladder, drop.json (8 → 0.9 Mb/s at 60 s) at default settings: a down-switch after the drop, 0 s rebuffering', async () => {
    const run = await playDrop({});
    expect(run.status).toBe('ended');
    const beforeDrop = eventsOf(run.events, 'representation').filter((r) => r.atMs < 60_000);
    const fromBps = beforeDrop.at(-1)!.bitrateBps;
    expect(fromBps).toBeGreaterThan(900_000);
    expect(firstDownSwitch(run.events, fromBps, 60_000)).toBeDefined();
    expect(run.sink.appended.map((c) => c.startS)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
    expect(eventsOf(run.events, 'stall')).toEqual([]);
    expect(rebufferS(run.events)).toBe(0);
  });

  it('control: drop.json pinned to the top rung, without abandonment, rebuffers', async () => {
    const run = await playDrop({ abandonRequests: false, minBitsPerSecond: 5_000_000 }, true);
    expect(eventsOf(run.events, 'stall').length).toBeGreaterThan(0);
  });

  it('music ladder, the drop hits while a ≥ 3.3 Mb/s FLAC segment downloads: it is abandoned and re-requested lower, no stall', async () => {
    const run = await playDropOnTopFlac({});
    expect(run.status).toBe('ended');
    expect(run.dropAtMs).toBeDefined();
    const top = eventsOf(run.events, 'abandon').find((a) => /^flac-(3300|5600)$/.test(a.fromId));
    expect(top).toBeDefined();
    expect(run.seen.some((r) => r.url.endsWith(`/${top!.toId}.mp4`) && r.atMs >= top!.atMs)).toBe(
      true,
    );
    expect(run.sink.appended.map((c) => c.startS)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
    expect(eventsOf(run.events, 'stall')).toEqual([]);
  });

  it('control: the same drop without abandonment (abandonRequests: false) rebuffers', async () => {
    const run = await playDropOnTopFlac({ abandonRequests: false });
    expect(run.status).toBe('ended');
    expect(run.dropAtMs).toBeDefined();
    expect(eventsOf(run.events, 'abandon')).toEqual([]);
    expect(rebufferS(run.events)).toBeGreaterThan(3);
  });

  it('is deterministic: two runs give the same events at the same virtual times', async () => {
    const log = (events: EngineEvent[]) =>
      events.map((e) => JSON.stringify(e, (k, v) => (k === 'error' ? String(v) : v)));
    const [a, b] = [await playToneStep({}), await playToneStep({})];
    expect(log(b.events)).toEqual(log(a.events));
    expect(b.seen).toEqual(a.seen);
  });
});

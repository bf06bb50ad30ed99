import { createLegatoSimPolicy, createTrace, simTrackFromBitrates, simulate } from '@legato/sim';
import { describe, expect, it } from 'vitest';

// The CLI demo's network and session: 20 s at 3 Mb/s, a 25 s dip to 300 kb/s, then 8 Mb/s; a
// 20 s forward goal and a 100 kb/s first estimate; 90 s of music in 10 s segments.
const step = (s: number, kbps: number, latencyMs = 40) => ({
  durationMs: s * 1000,
  bitsPerSecond: kbps * 1000,
  latencyMs,
});
const dip = createTrace([step(20, 3000), step(25, 300, 120), step(60, 8000)], {
  name: 'demo-dip',
  end: 'hold',
});
const track = simTrackFromBitrates(
  [64, 128, 320, 900, 1600, 3000, 5500].map((kbps, i) => ({
    id: `r${i}`,
    bitsPerSecond: kbps * 1000,
    qualityClass: i < 3 ? 'SD' : 'HD',
  })),
  { durationS: 90, segmentDurationS: 10 },
);
const play = (abr = {}) =>
  simulate({
    track,
    trace: dip,
    bufferTargetS: 20,
    policy: createLegatoSimPolicy(track, { abr, bandwidth: { defaultEstimateBps: 100_000 } }),
  });

describe('createLegatoSimPolicy over the demo dip', () => {
  it('steps down into the dip and stays at rungs it carries until the link recovers', () => {
    const r = play();
    expect(r.rebufferS).toBe(0);
    // Segments requested while the link is at 300 kb/s (20 s – 45 s): the FLAC one in flight
    // when the dip hits is abandoned, then nothing above 128 kb/s (0.9 × 300 kb/s carries it).
    const inDip = r.segments.filter((s) => s.requestS >= 20 && s.requestS < 45).map((s) => s.rung);
    expect(inDip.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...inDip)).toBeLessThanOrEqual(1);
    expect(r.abandons).toBe(1);
  });

  it('the earlier defaults (no throughput floor, abandonment after a quarter of the buffer) climbed to 320 kb/s in the dip and back', () => {
    const r = play({ bolaThroughputFloor: false, abandonBufferShare: 0.25 });
    const inDip = r.segments.filter((s) => s.requestS >= 20 && s.requestS < 45).map((s) => s.rung);
    expect(inDip).toEqual([1, 2, 1]);
  });
});

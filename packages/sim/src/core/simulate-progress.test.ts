import {
  createLegatoSimPolicy,
  createTrace,
  type SimAbrPolicy,
  type SimPolicy,
  simTrackFromBitrates,
  simulate,
} from '@legato/sim';
import { describe, expect, it } from 'vitest';

/** 0.1 and 1 Mb/s, two 10 s segments: 125 kB and 1.25 MB each. */
const twoRungs = simTrackFromBitrates(
  [
    { id: 'low', bitsPerSecond: 100_000, qualityClass: 'SD' },
    { id: 'high', bitsPerSecond: 1_000_000, qualityClass: 'HD' },
  ],
  { durationS: 20, segmentDurationS: 10 },
);

/** 1 Mb/s (125 kB/s), 100 ms to first byte. */
const oneMbps = createTrace([{ durationMs: 1000, bitsPerSecond: 1e6, latencyMs: 100 }], {
  name: '1M',
});

function recording(abr: SimAbrPolicy, sampleProgress: boolean) {
  const samples: number[][] = [];
  const policy: SimPolicy = {
    name: 'test',
    meter: { addSample: (...a: number[]) => void samples.push(a), estimate: () => 1e6 },
    abr,
    sampleProgress,
  };
  return { policy, samples };
}

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

describe('simulate: the meter fed as the engine feeds it (sampleProgress)', () => {
  it('gets every progress delta of body bytes, latency left out, instead of one sample per request', () => {
    const { policy, samples } = recording({ decide: () => 1 }, true);
    const r = simulate({ track: twoRungs, trace: oneMbps, policy, progressIntervalS: 0.5 });
    // Segment 0: sent at 0, first byte at 0.1 s, last at 10.1 s; points every 0.5 s from 0.5 s.
    expect(samples[0]).toEqual([50_000, 400, 500, 0]); // 0.1 → 0.5 s
    expect(samples[1]).toEqual([62_500, 500, 1000, 0]);
    const first = samples.filter((s) => s[2]! <= 10_100);
    expect(first).toHaveLength(21); // 20 progress points and the last byte
    expect(sum(first.map((s) => s[0]!))).toBeCloseTo(1_250_000, 6);
    expect(sum(first.map((s) => s[1]!))).toBeCloseTo(10_000, 6); // body time only
    expect(sum(samples.map((s) => s[0]!))).toBeCloseTo(r.totalBytes, 6);
  });

  it("is how legato's own policy is fed (its engine samples every fetch progress event)", () => {
    expect(createLegatoSimPolicy([64e3, 128e3]).sampleProgress).toBe(true);
  });

  it('without it: one sample per completed request, request to last byte', () => {
    const { policy, samples } = recording({ decide: () => 1 }, false);
    simulate({ track: twoRungs, trace: oneMbps, policy, progressIntervalS: 0.5 });
    expect(samples).toEqual([
      [1_250_000, 10_100, 10_100, 100],
      [1_250_000, 10_100, 20_200, 100],
    ]);
  });

  it('feeds a progress point before asking abandon there, and keeps an abandoned request’s bytes', () => {
    const seenSamples: number[] = [];
    const { policy, samples } = recording(
      {
        decide: (input) => (input.lastIndex < 0 ? 1 : 0),
        abandon: (p) => {
          seenSamples.push(samples.length);
          return p.index === 1 && p.elapsedMs >= 2000 ? 0 : -1;
        },
      },
      true,
    );
    const r = simulate({ track: twoRungs, trace: oneMbps, policy, progressIntervalS: 0.5 });
    expect(seenSamples.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(r.wastedBytes).toBe(237_500); // 0.1 → 2 s at 125 kB/s
    // The abandoned request's 237.5 kB, then the 125 kB re-request and the last 125 kB segment.
    expect(sum(samples.map((s) => s[0]!))).toBeCloseTo(237_500 + 2 * 125_000, 6);
  });

  it('asks abandon only at progress points that brought bytes: a dead link raises no event', () => {
    const asked: number[] = [];
    // 1 s at 1 Mb/s, 3 s at 0, then 1 Mb/s again.
    const gap = createTrace(
      [
        { durationMs: 1000, bitsPerSecond: 1e6, latencyMs: 0 },
        { durationMs: 3000, bitsPerSecond: 0, latencyMs: 0 },
        { durationMs: 1000, bitsPerSecond: 1e6, latencyMs: 0 },
      ],
      { name: 'gap', end: 'hold' },
    );
    const { policy } = recording(
      {
        decide: () => 1,
        abandon: (p) => {
          if (p.segmentIndex === 0) asked.push(p.elapsedMs);
          return -1;
        },
      },
      true,
    );
    simulate({ track: twoRungs, trace: gap, policy, progressIntervalS: 0.5 });
    expect(asked.slice(0, 3)).toEqual([500, 1000, 4500]);
  });
});

import { defaultBufferConfig } from '@legato/buffer';
import { isLegatoError } from '@legato/errors';
import {
  createSimTrack,
  createTrace,
  ENGINE_SIM_DEFAULTS,
  type SimAbrPolicy,
  type SimDownloadProgress,
  type SimPolicy,
  simTrackFromBitrates,
  simulate,
  timeToFirstAudioFloorS,
} from '@legato/sim';
import { describe, expect, it } from 'vitest';

const constant = (bitsPerSecond: number, latencyMs = 0) =>
  createTrace([{ durationMs: 1000, bitsPerSecond, latencyMs }], { name: `${bitsPerSecond}` });

/** 0.1 and 1 Mb/s, three 10 s segments: 125 kB and 1.25 MB each. */
const twoRungs = simTrackFromBitrates(
  [
    { id: 'low', bitsPerSecond: 100_000, qualityClass: 'SD' },
    { id: 'high', bitsPerSecond: 1_000_000, qualityClass: 'HD' },
  ],
  { durationS: 30, segmentDurationS: 10 },
);

function policyOf(abr: SimAbrPolicy) {
  const samples: number[][] = [];
  const policy: SimPolicy = {
    name: 'test',
    meter: { addSample: (...a: number[]) => void samples.push(a), estimate: () => 1e6 },
    abr,
  };
  return { policy, samples };
}

describe('simulate: abandonment', () => {
  it('aborts in flight, wastes the bytes so far and re-requests at the rung asked, hand-checked', () => {
    const seen: SimDownloadProgress[] = [];
    const { policy, samples } = policyOf({
      decide: (input) => (input.lastIndex < 0 ? 1 : 0),
      abandon: (p) => {
        seen.push(p);
        return p.index === 1 && p.elapsedMs >= 2000 ? 0 : -1;
      },
    });
    // 1 Mb/s, 0.5 s progress steps: the 1.25 MB request is dropped at 2 s with 250 kB in.
    const r = simulate({ track: twoRungs, trace: constant(1e6), policy, progressIntervalS: 0.5 });
    expect(seen.slice(0, 4).map((p) => [p.elapsedMs, p.bytesLoaded, p.index])).toEqual([
      [500, 62_500, 1],
      [1000, 125_000, 1],
      [1500, 187_500, 1],
      [2000, 250_000, 1],
    ]);
    expect(seen[0]).toMatchObject({ segmentIndex: 0, lastIndex: -1, bytesTotal: 1_250_000 });
    expect(seen[0]!.segmentBytesByIndex).toEqual([125_000, 1_250_000]);
    expect(r.abandons).toBe(1);
    expect(r.wastedBytes).toBe(250_000);
    expect(r.segments[0]).toMatchObject({ rung: 0, abandons: 1, wastedBytes: 250_000 });
    expect(r.segments[0]!.requestS).toBe(2); // the re-request
    expect(r.timeToFirstAudioS).toBe(3); // 2 s wasted + 1 s for 125 kB
    expect(r.totalBytes).toBe(3 * 125_000);
    expect(samples[0]).toEqual([125_000, 1000, 3000, 0]); // the abandoned request is no sample
    expect(r.segments.map((s) => s.rung)).toEqual([0, 0, 0]);
  });

  it('rejects an abandon answer that is not another ladder index', () => {
    for (const bad of [1, 2, -2, 0.5]) {
      const { policy } = policyOf({ decide: () => 1, abandon: () => bad });
      try {
        simulate({ track: twoRungs, trace: constant(1e6), policy });
        expect.unreachable();
      } catch (e) {
        expect(isLegatoError(e) && e.code).toBe('SIM_POLICY_INVALID');
      }
    }
  });
});

describe('simulate: the ABR wait action', () => {
  it('waits as long as delayS asks, asking again after each wait', () => {
    let asked = 0;
    const { policy } = policyOf({
      decide: () => 1,
      delayS: (input) => (input.lastIndex === 1 && asked++ < 2 ? 1.5 : 0),
    });
    // 2 Mb/s: 5 s per 1.25 MB segment; segment 1 waits 2 × 1.5 s.
    const r = simulate({ track: twoRungs, trace: constant(2e6), policy });
    expect(r.segments.map((s) => [s.requestS, s.waitS, s.bufferBeforeS])).toEqual([
      [0, 0, 0],
      [8, 3, 7],
      [13, 0, 12],
    ]);
    expect(r.rebufferS).toBe(0);
  });

  it('takes a delay under 1 µs as none (floating-point noise would spin the clock)', () => {
    let asked = 0;
    const { policy } = policyOf({
      decide: () => 0,
      delayS: () => {
        asked++;
        return 7e-15;
      },
    });
    const r = simulate({ track: twoRungs, trace: constant(1e6), policy });
    expect(asked).toBe(3);
    expect(r.segments.every((s) => s.waitS === 0)).toBe(true);
  });

  it('rejects a delay that is negative or not finite', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { policy } = policyOf({ decide: () => 0, delayS: () => bad });
      try {
        simulate({ track: twoRungs, trace: constant(1e6), policy });
        expect.unreachable();
      } catch (e) {
        expect(isLegatoError(e) && e.code).toBe('SIM_POLICY_INVALID');
      }
    }
  });
});

describe('simulate: buffer target and cap', () => {
  const long = simTrackFromBitrates([{ id: 'a', bitsPerSecond: 1e6, qualityClass: 'SD' }], {
    durationS: 200,
  });
  const peak = (o: { bufferTargetS?: number; bufferCapS?: number }) => {
    const { policy } = policyOf({ decide: () => 0 });
    const r = simulate({ track: long, trace: constant(100e6), policy, ...o });
    return {
      before: Math.max(...r.segments.map((s) => s.bufferBeforeS)),
      after: Math.max(...r.segments.map((s) => s.bufferAfterS)),
      target: r.segments.length,
    };
  };

  it('requests at or below the target (engine: 40 s), the cap bounding what fits', () => {
    const engine = peak({}); // target 40, cap 40 + 10
    expect(engine.before).toBeCloseTo(40, 6);
    expect(engine.after).toBeCloseTo(49.9, 6); // 0.1 s per download at 100 Mb/s
    const sabre = peak({ bufferCapS: 40 }); // target = cap: Sabre's -b
    expect(sabre.before).toBeCloseTo(30, 6);
    expect(sabre.after).toBeCloseTo(39.9, 6);
    const both = peak({ bufferTargetS: 20, bufferCapS: 60 });
    expect(both.before).toBeCloseTo(20, 6);
  });

  it('uses the engine defaults (@legato/buffer defaultBufferConfig)', () => {
    expect(ENGINE_SIM_DEFAULTS.bufferTargetS).toBe(defaultBufferConfig.forwardGoalS);
    expect(ENGINE_SIM_DEFAULTS.startupS).toBe(defaultBufferConfig.startupBufferS);
    expect(ENGINE_SIM_DEFAULTS.resumeS).toBe(defaultBufferConfig.rebufferGoalS);
  });

  it('rejects a target under the startup / resume level', () => {
    const { policy } = policyOf({ decide: () => 0 });
    expect(() => simulate({ track: long, trace: constant(1e6), policy, bufferTargetS: 1 })).toThrow(
      /bufferTargetS: expected ≥ max\(startupS, resumeS\) \(2 s\)/,
    );
  });
});

describe('simulate: time to first audio, its floor and startup-inclusive QoE', () => {
  const withInit = (adjacent: boolean) =>
    createSimTrack({
      segmentDurationsS: [10, 10],
      rungs: [
        {
          id: 'low',
          bitsPerSecond: 100_000,
          qualityClass: 'SD',
          segmentBytes: [125_000, 125_000],
          initBytes: 25_000,
          initAdjacent: adjacent,
        },
        {
          id: 'high',
          bitsPerSecond: 1e6,
          qualityClass: 'HD',
          segmentBytes: [1_250_000, 1_250_000],
          initBytes: 25_000,
          initAdjacent: adjacent,
        },
      ],
    });

  it('fetches the manifest, then init + segment 0 in one request when adjacent', () => {
    const { policy, samples } = policyOf({ decide: () => 1 });
    // 1 Mb/s, 100 ms latency: manifest 12.5 kB = 0.2 s; init + segment 0 = 1.275 MB = 10.3 s.
    const trace = constant(1e6, 100);
    const r = simulate({ track: withInit(true), trace, policy, manifestBytes: 12_500 });
    expect(r.timeToFirstAudioS).toBeCloseTo(0.2 + 0.1 + 10.2, 9);
    expect(r.startupDelayS).toBeCloseTo(10.3, 9);
    expect(samples[0]).toEqual([1_275_000, 10_300, 10_500, 100]);
    // Floor: manifest + init + segment 0 of the lowest rung = 0.2 + 0.1 + 1.2 s.
    expect(r.floorS).toBeCloseTo(1.5, 9);
    expect(r.qoe).toBeCloseTo(r.qoeLin - 1 * r.timeToFirstAudioS, 9);
  });

  it('pays a separate init request when not adjacent, and again at a new rung', () => {
    const { policy } = policyOf({ decide: (i) => (i.lastIndex < 0 ? 0 : 1) });
    const trace = constant(1e6, 100);
    const r = simulate({ track: withInit(false), trace, policy, manifestBytes: 12_500 });
    // manifest 0.2, init 0.1 + 0.2, segment 0.1 + 1.0
    expect(r.timeToFirstAudioS).toBeCloseTo(1.6, 9);
    expect(r.floorS).toBeCloseTo(1.6, 9);
    // segment 1 at the high rung: its init (0.3 s) then the segment (0.1 + 10 s)
    expect(r.segments[1]!.requestS).toBeCloseTo(1.6 + 0.3, 9);
    const floor = timeToFirstAudioFloorS({
      track: withInit(false),
      trace,
      startupS: 15, // two segments needed
      manifestBytes: 12_500,
      traceOffsetMs: 0,
    });
    expect(floor).toBeCloseTo(1.6 + 1.1, 9);
  });

  it('feeds the manifest download to the meter only for a policy that asks', () => {
    const a = policyOf({ decide: () => 0 });
    const b = policyOf({ decide: () => 0 });
    const track = withInit(true);
    simulate({ track, trace: constant(1e6), policy: a.policy, manifestBytes: 12_500 });
    simulate({
      track,
      trace: constant(1e6),
      policy: { ...b.policy, sampleManifest: true },
      manifestBytes: 12_500,
    });
    expect(a.samples[0]![0]).toBe(150_000);
    expect(b.samples[0]).toEqual([12_500, 100, 100, 0]);
  });
});

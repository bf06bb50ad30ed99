import { isLegatoError } from '@legato/errors';
import {
  createLegatoSimPolicy,
  createSimTrack,
  createTrace,
  type SimAbrInput,
  type SimPolicy,
  simTrackFromBitrates,
  simulate,
  syntheticTrace,
} from '@legato/sim';
import { describe, expect, it } from 'vitest';

/** A policy that replays fixed choices and records what it was told. */
function scripted(choices: readonly number[]) {
  const inputs: SimAbrInput[] = [];
  const samples: [number, number, number][] = [];
  const policy: SimPolicy = {
    name: 'scripted',
    meter: {
      addSample: (bytes, durationMs, nowMs) => void samples.push([bytes, durationMs, nowMs]),
      estimate: () => 1_000_000 + samples.length,
    },
    abr: {
      decide: (input) => {
        inputs.push(input);
        return choices[inputs.length - 1] ?? 0;
      },
    },
  };
  return { policy, inputs, samples };
}

const constant = (bitsPerSecond: number, latencyMs = 0) =>
  createTrace([{ durationMs: 1000, bitsPerSecond, latencyMs }], { name: `${bitsPerSecond}` });

const oneMbps = simTrackFromBitrates([{ id: 'a', bitsPerSecond: 1_000_000, qualityClass: 'SD' }], {
  durationS: 30,
  segmentDurationS: 10,
});

describe('simulate', () => {
  it('plays a track over a constant link, hand-checked', () => {
    const { policy, inputs, samples } = scripted([]);
    const r = simulate({ track: oneMbps, trace: constant(2_000_000), policy, bufferCapS: 60 });
    expect(r.startupDelayS).toBe(5);
    expect(r.rebufferCount).toBe(0);
    expect(r.rebufferS).toBe(0);
    expect(r.wallS).toBe(35);
    expect(r.playedS).toBe(30);
    expect(r.totalBytes).toBe(3 * 1_250_000);
    expect(r.qoeLin).toBe(3);
    expect(r.averageBitrateBps).toBe(1_000_000);
    expect(r.timeByClassS).toEqual({ SD: 30 });
    expect(
      r.segments.map((s) => [s.requestS, s.downloadS, s.bufferBeforeS, s.bufferAfterS]),
    ).toEqual([
      [0, 5, 0, 10],
      [5, 5, 10, 15],
      [10, 5, 15, 20],
    ]);
    expect(samples).toEqual([
      [1_250_000, 5000, 5000],
      [1_250_000, 5000, 10_000],
      [1_250_000, 5000, 15_000],
    ]);
    expect(inputs[0]).toEqual({
      estimateBps: 1_000_000,
      bufferS: 0,
      bufferTargetS: 60,
      lastIndex: -1,
      nowS: 0,
      segmentDurationS: 10,
      clearLeadRemainingS: 0,
      keyUsable: true,
    });
    expect(inputs[2]).toMatchObject({
      lastIndex: 0,
      nowS: 10,
      bufferS: 15,
      estimateBps: 1_000_002,
    });
  });

  it('passes a meter’s upper reading as upperEstimateBps (legato’s estimator has one)', () => {
    const { policy, inputs } = scripted([]);
    const upper = { ...policy, meter: { ...policy.meter, upperEstimate: () => 3_000_000 } };
    simulate({ track: oneMbps, trace: constant(2_000_000), policy: upper });
    expect(inputs.every((input) => input.upperEstimateBps === 3_000_000)).toBe(true);
    expect(typeof createLegatoSimPolicy([1e6, 2e6]).meter.upperEstimate).toBe('function');
  });

  it('stalls when the link is slower than the media, and charges μ per stall second', () => {
    const r = simulate({ track: oneMbps, trace: constant(500_000), policy: scripted([]).policy });
    expect(r.startupDelayS).toBe(20);
    expect(r.rebufferCount).toBe(2);
    expect(r.rebufferS).toBe(20);
    expect(r.wallS).toBe(70);
    expect(r.segments.map((s) => s.stallS)).toEqual([0, 10, 10]);
    expect(r.rebufferPenalty).toBe(1);
    expect(r.qoeLin).toBe(3 - 20);
  });

  it('adds the request latency to every download and measures it in the sample', () => {
    const { policy, samples } = scripted([]);
    const r = simulate({
      track: oneMbps,
      trace: constant(2_000_000, 100),
      policy,
      traceOffsetMs: 3000,
    });
    expect(r.segments.map((s) => s.downloadS)).toEqual([5.1, 5.1, 5.1]);
    expect(samples[0]).toEqual([1_250_000, 5100, 8100]);
  });

  it('integrates a download across an outage', () => {
    const trace = createTrace([
      { durationMs: 2000, bitsPerSecond: 5_000_000, latencyMs: 0 },
      { durationMs: 3000, bitsPerSecond: 0, latencyMs: 0 },
      { durationMs: 5000, bitsPerSecond: 5_000_000, latencyMs: 0 },
    ]);
    const r = simulate({ track: oneMbps, trace, policy: scripted([]).policy });
    // 1e7 bits: 2 s give 1e7 exactly → seg 0 ends at 2 s; seg 1 waits out the outage 2–5 s, ends at 7 s.
    expect(r.segments.map((s) => s.downloadS)).toEqual([2, 5, 2]);
  });

  it('waits for room in the buffer before a request', () => {
    const track = simTrackFromBitrates([{ id: 'a', bitsPerSecond: 1e6, qualityClass: 'SD' }], {
      durationS: 100,
    });
    const r = simulate({
      track,
      trace: constant(100e6),
      policy: scripted([]).policy,
      bufferCapS: 30,
    });
    for (const s of r.segments) expect(s.bufferBeforeS + 10).toBeLessThanOrEqual(30 + 1e-9);
    expect(r.segments[3]!.waitS).toBeGreaterThan(0);
    expect(r.segments.reduce((a, s) => a + s.waitS, 0)).toBeGreaterThan(60);
    expect(r.rebufferS).toBe(0);
  });

  it('counts switches and their penalty per quality step', () => {
    const track = simTrackFromBitrates(
      [
        { id: 'sd', bitsPerSecond: 1e6, qualityClass: 'SD' },
        { id: 'hd', bitsPerSecond: 2e6, qualityClass: 'HD' },
      ],
      { durationS: 30 },
    );
    const r = simulate({ track, trace: constant(100e6), policy: scripted([0, 1, 0]).policy });
    expect(r.switches).toBe(2);
    expect(r.rebufferS).toBe(0);
    expect(r.rebufferPenalty).toBe(2);
    expect(r.qoeLin).toBeCloseTo(1 + 2 + 1 - 2, 12);
    expect(r.timeByClassS).toEqual({ SD: 20, HD: 10 });
    expect(r.averageBitrateBps).toBeCloseTo(4e6 / 3, 6);
  });

  it('uses exact per-segment sizes when the track has them', () => {
    const track = createSimTrack({
      segmentDurationsS: [10, 4],
      rungs: [
        { id: 'x', bitsPerSecond: 8e5, qualityClass: 'SD', segmentBytes: [250_000, 125_000] },
      ],
    });
    const r = simulate({ track, trace: constant(1_000_000), policy: scripted([]).policy });
    expect(r.segments.map((s) => s.downloadS)).toEqual([2, 1]);
    expect(r.playedS).toBe(14);
    expect(r.wallS).toBe(2 + 14);
  });

  it('rejects an invalid choice, an unbounded session and a buffer cap with no room', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isLegatoError(e) ? `${e.code}: ${e.message}` : 'other';
      }
      return 'none';
    };
    expect(
      code(() =>
        simulate({ track: oneMbps, trace: constant(1e6), policy: scripted([0, 3]).policy }),
      ),
    ).toBe('SIM_POLICY_INVALID: policy scripted: expected a ladder index in 0..0, received 3');
    expect(
      code(() => simulate({ track: oneMbps, trace: constant(8), policy: scripted([]).policy })),
    ).toMatch(/^SIM_LIMIT_EXCEEDED: trace 8: expected the session to end within maxWallS 86400 s/);
    expect(
      code(() =>
        simulate({
          track: oneMbps,
          trace: constant(1e6),
          policy: scripted([]).policy,
          bufferCapS: 11,
        }),
      ),
    ).toMatch(
      /^INVALID_ARGUMENT: bufferCapS: expected ≥ max\(startupS, resumeS\) \+ longest segment \(12 s\)/,
    );
  });

  describe('clear lead and license', () => {
    const track = simTrackFromBitrates([{ id: 'a', bitsPerSecond: 1e6, qualityClass: 'SD' }], {
      durationS: 100,
    });
    const fast = constant(100e6); // 0.1 s per 10 s segment

    it('plays through when the key arrives within the clear lead', () => {
      const { policy, inputs } = scripted([]);
      const r = simulate({ track, trace: fast, policy, clearLeadS: 30, licenseReadyS: 12 });
      expect(r.rebufferS).toBe(0);
      expect(r.startupDelayS).toBeCloseTo(0.1, 9);
      expect(inputs[0]).toMatchObject({ keyUsable: false, clearLeadRemainingS: 30 });
      expect(inputs[2]).toMatchObject({ clearLeadRemainingS: 10 });
      expect(inputs[3]).toMatchObject({ clearLeadRemainingS: 0 });
      expect(inputs.some((x) => x.keyUsable)).toBe(true);
    });

    it('stalls at the end of the clear lead until the key arrives, then resumes at once', () => {
      const r = simulate({
        track,
        trace: fast,
        policy: scripted([]).policy,
        clearLeadS: 30,
        licenseReadyS: 60,
      });
      expect(r.rebufferCount).toBe(1);
      expect(r.rebufferS).toBeCloseTo(60 - 30 - 0.1, 9);
      expect(r.wallS).toBeCloseTo(r.startupDelayS + 100 + r.rebufferS, 9);
      // With a 60 s cap the buffer filled up while blocked: requests waited for the key.
      expect(r.segments.some((s) => s.requestS >= 60 && s.waitS > 0)).toBe(true);
      for (const s of r.segments) expect(s.bufferAfterS).toBeLessThanOrEqual(60 + 1e-6);
    });

    it('delays startup, not rebuffering, when nothing is clear', () => {
      const r = simulate({ track, trace: fast, policy: scripted([]).policy, licenseReadyS: 5 });
      expect(r.startupDelayS).toBe(5);
      expect(r.rebufferS).toBe(0);
      expect(r.wallS).toBeCloseTo(105, 9);
    });

    it('waits for the key when the whole track is downloaded but encrypted', () => {
      const short = simTrackFromBitrates([{ id: 'a', bitsPerSecond: 1e6, qualityClass: 'SD' }], {
        durationS: 20,
      });
      const r = simulate({
        track: short,
        trace: fast,
        policy: scripted([]).policy,
        licenseReadyS: 50,
      });
      expect(r.startupDelayS).toBe(50);
      expect(r.wallS).toBe(70);
    });
  });

  it("runs the README example with legato's own controller", () => {
    // #region readme
    const trace = syntheticTrace('step-down', { seed: 1 }); // a good link, then ~0.5 Mb/s
    const track = simTrackFromBitrates(
      [
        { id: 'opus-128', bitsPerSecond: 128_000, qualityClass: 'SD' },
        { id: 'opus-320', bitsPerSecond: 320_000, qualityClass: 'SD' },
        { id: 'flac-16-44', bitsPerSecond: 900_000, qualityClass: 'HD' },
      ],
      { durationS: 240, segmentDurationS: 10 },
    );
    const policy = createLegatoSimPolicy(track, { algorithm: 'dynamic' });
    const result = simulate({ track, trace, policy, bufferCapS: 60 });
    // result.qoe, .qoeLin, .timeToFirstAudioS, .floorS, .rebufferS, .abandons, .segments[i] …
    // #endregion
    expect(result.policy).toBe('legato-dynamic');
    expect(result.segments).toHaveLength(24);
    expect(result.timeByClassS['HD']).toBeGreaterThan(0); // the good link first
    expect(result.segments[result.segments.length - 1]!.rung).toBeLessThan(2); // then SD
  });

  it("logs the policy's reasons when asked to explain", () => {
    const track = simTrackFromBitrates(
      [64_000, 320_000, 900_000].map((bitsPerSecond, i) => ({
        id: `r${i}`,
        bitsPerSecond,
        qualityClass: 'SD',
      })),
      { durationS: 60 },
    );
    const trace = constant(5e6);
    const plain = simulate({ track, trace, policy: createLegatoSimPolicy(track) });
    const explained = simulate({
      track,
      trace,
      policy: createLegatoSimPolicy(track),
      explain: true,
    });
    expect(plain.segments.every((s) => s.reason === undefined)).toBe(true);
    expect(explained.segments[0]!.reason).toBe('startup');
    expect(
      explained.segments.every((s) => typeof s.reason === 'string' && s.reason.length > 0),
    ).toBe(true);
    // Explaining does not change the decisions.
    expect(explained.segments.map((s) => s.rung)).toEqual(plain.segments.map((s) => s.rung));
  });

  it('drives any policy: a last-sample meter and a one-threshold rule', () => {
    const trace = syntheticTrace('step-down', { seed: 1 });
    const track = simTrackFromBitrates(
      [
        { id: 'opus-128', bitsPerSecond: 128_000, qualityClass: 'SD' },
        { id: 'flac-16-44', bitsPerSecond: 900_000, qualityClass: 'HD' },
      ],
      { durationS: 240, segmentDurationS: 10 },
    );
    let lastBps = 0;
    const policy: SimPolicy = {
      name: 'last-sample',
      meter: {
        addSample: (bytes, ms) => {
          lastBps = (bytes * 8000) / ms;
        },
        estimate: () => lastBps,
      },
      abr: { decide: ({ estimateBps }) => (estimateBps * 0.8 >= 900_000 ? 1 : 0) },
    };
    const result = simulate({ track, trace, policy });
    expect(result.segments[0]!.rung).toBe(0);
    expect(result.segments[1]!.rung).toBe(1); // the good link first
    expect(result.segments[result.segments.length - 1]!.rung).toBe(0); // the step down later
    expect(result.switches).toBeGreaterThanOrEqual(2);
  });
});

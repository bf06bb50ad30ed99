import { fc, test } from '@fast-check/vitest';
import {
  createSeededRng,
  createTrace,
  type SimPolicy,
  simTrackFromBitrates,
  simulate,
} from '@legato/sim';
import { describe, expect } from 'vitest';

const stepArb = fc.record({
  durationMs: fc.integer({ min: 100, max: 5000 }),
  bitsPerSecond: fc.oneof(fc.constant(0), fc.integer({ min: 50_000, max: 20_000_000 })),
  latencyMs: fc.integer({ min: 0, max: 300 }),
});
const traceArb = fc
  .array(stepArb, { minLength: 1, maxLength: 20 })
  .filter((steps) => steps.some((s) => s.bitsPerSecond > 0))
  .map((steps) => createTrace(steps))
  // ≥ 100 kb/s on average, so a 2-minute track at 6 Mb/s ends well within the 24 h bound.
  .filter((trace) => (trace.bitsPerPeriod * 1000) / trace.periodMs >= 100_000);
const trackArb = fc
  .record({
    rates: fc.uniqueArray(fc.integer({ min: 32_000, max: 6_000_000 }), {
      minLength: 1,
      maxLength: 6,
    }),
    durationS: fc.integer({ min: 5, max: 120 }),
    segmentDurationS: fc.constantFrom(2, 4, 6, 10),
  })
  .map(({ rates, durationS, segmentDurationS }) =>
    simTrackFromBitrates(
      rates.map((r, i) => ({
        id: `r${i}`,
        bitsPerSecond: r,
        qualityClass: r > 500_000 ? 'HD' : 'SD',
      })),
      { durationS, segmentDurationS },
    ),
  );

/** Random choices (seeded) and a last-sample meter. */
function randomPolicy(seed: number, rungs: number): SimPolicy {
  const rng = createSeededRng(seed);
  let last = 1e6;
  return {
    name: 'random',
    meter: {
      addSample: (bytes, ms) => {
        last = (bytes * 8000) / ms;
      },
      estimate: () => last,
    },
    abr: { decide: () => Math.floor(rng() * rungs) },
  };
}

const settings = fc.record({
  startupS: fc.double({ min: 0, max: 10, noNaN: true }),
  resumeS: fc.double({ min: 0, max: 10, noNaN: true }),
  extraCapS: fc.double({ min: 0, max: 60, noNaN: true }),
  offsetMs: fc.integer({ min: 0, max: 100_000 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  clearLeadS: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 60, noNaN: true })),
  licenseReadyS: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 120, noNaN: true })),
});

describe('simulator laws', () => {
  test.prop([trackArb, traceArb, settings], { numRuns: 150 })(
    'time is conserved, the clock is monotonic, bytes add up, the cap holds, QoE matches the log',
    (track, trace, s) => {
      const bufferCapS = Math.max(s.startupS, s.resumeS) + 10 + s.extraCapS;
      const r = simulate({
        track,
        trace,
        policy: randomPolicy(s.seed, track.rungs.length),
        startupS: s.startupS,
        resumeS: s.resumeS,
        bufferCapS,
        traceOffsetMs: s.offsetMs,
        clearLeadS: s.clearLeadS,
        licenseReadyS: s.licenseReadyS,
      });
      const eps = 1e-6 * Math.max(1, r.wallS);
      expect(Math.abs(r.wallS - (r.startupDelayS + r.playedS + r.rebufferS))).toBeLessThan(eps);
      const mediaS = track.segmentDurationsS.reduce((a, d) => a + d, 0);
      expect(r.playedS).toBeCloseTo(mediaS, 9);
      let clock = 0;
      let bytes = 0;
      for (const seg of r.segments) {
        expect(seg.requestS).toBeGreaterThanOrEqual(clock - 1e-9);
        expect(seg.downloadS).toBeGreaterThan(0);
        expect(seg.bufferBeforeS + track.segmentDurationsS[seg.index]!).toBeLessThanOrEqual(
          bufferCapS + 1e-6,
        );
        expect(seg.bufferAfterS).toBeLessThanOrEqual(bufferCapS + 1e-6);
        expect(seg.bytes).toBe(track.segmentBytes[seg.rung]![seg.index]);
        clock = seg.requestS + seg.downloadS;
        bytes += seg.bytes;
      }
      expect(r.totalBytes).toBe(bytes);
      expect(r.segments.length).toBe(track.segmentDurationsS.length);
      expect(r.rebufferS).toBeGreaterThanOrEqual(0);
      expect(r.rebufferCount === 0).toBe(r.rebufferS === 0);
      expect(r.startupDelayS).toBeGreaterThan(0);
      const stallSum = r.segments.reduce((a, x) => a + x.stallS, 0);
      expect(Math.abs(stallSum - r.rebufferS)).toBeLessThan(eps);
      let qoe = 0;
      let switches = 0;
      r.segments.forEach((x, i) => {
        const prev = r.segments[i - 1];
        qoe += x.bitsPerSecond / 1e6 - r.rebufferPenalty * x.stallS;
        if (prev && prev.rung !== x.rung) {
          switches++;
          qoe -= Math.abs(x.bitsPerSecond - prev.bitsPerSecond) / 1e6;
        }
      });
      expect(r.switches).toBe(switches);
      expect(Math.abs(r.qoeLin - qoe)).toBeLessThan(1e-6 * Math.max(1, Math.abs(qoe)));
      const classSum = Object.values(r.timeByClassS).reduce((a, v) => a + v, 0);
      expect(classSum).toBeCloseTo(mediaS, 9);
    },
  );

  test.prop([trackArb, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 })], {
    numRuns: 100,
  })('no rebuffering when the link always outruns the top rung', (track, seed, latencyMs) => {
    const top = track.rungs[track.rungs.length - 1]!.bitsPerSecond;
    // Fast enough to fetch any segment in under half its duration, latency included.
    const minSegS = Math.min(...track.segmentDurationsS);
    const bps = Math.max(
      top * 4,
      ((top * minSegS) / Math.max(1e-3, minSegS / 2 - latencyMs / 1000)) * 2,
    );
    const trace = createTrace([
      { durationMs: 700, bitsPerSecond: bps, latencyMs },
      { durationMs: 1300, bitsPerSecond: bps * 3, latencyMs },
    ]);
    const r = simulate({ track, trace, policy: randomPolicy(seed, track.rungs.length) });
    expect(r.rebufferS).toBe(0);
    expect(r.rebufferCount).toBe(0);
  });
});

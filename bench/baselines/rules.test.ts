import type { SimAbrInput } from '@legato/sim';
import { describe, expect, it } from 'vitest';
import { createBolaRule } from './bola.js';
import { createDashJsDynamicPolicy } from './dashjs-dynamic.js';
import { createDashJsThroughputRule } from './dashjs-throughput.js';
import { createExoPlayerPolicy } from './exoplayer.js';
import { createShakaPolicy } from './shaka.js';

const ladder = [64_000, 128_000, 320_000, 900_000, 1_600_000, 3_000_000, 5_500_000];
const input = (over: Partial<SimAbrInput>): SimAbrInput => ({
  estimateBps: 1e6,
  bufferS: 20,
  bufferTargetS: 60,
  lastIndex: 3,
  nowS: 100,
  segmentDurationS: 10,
  clearLeadRemainingS: 0,
  keyUsable: true,
  ...over,
});

describe('dash.js ThroughputRule', () => {
  it('picks the highest rung under 0.9 × the estimate', () => {
    const rule = createDashJsThroughputRule(ladder);
    expect(rule.decide(input({ estimateBps: 1_000_000 }))).toBe(3); // 900k ≤ 900k
    expect(rule.decide(input({ estimateBps: 999_999 }))).toBe(2);
    expect(rule.decide(input({ estimateBps: 100e6 }))).toBe(6);
    expect(rule.decide(input({ estimateBps: 1 }))).toBe(0);
  });
});

describe('BOLA (dash.js BolaRule)', () => {
  it('starts from throughput, then chooses by buffer: low buffer → low rung, full → top', () => {
    const bola = createBolaRule(ladder);
    expect(bola.decide(input({ estimateBps: 1e6, bufferS: 0, lastIndex: -1 }))).toBe(3);
    // bufferTime = max(12, 10 + 2·7) = 24 s: the top rung is BOLA's choice near it.
    expect(bola.decide(input({ estimateBps: 100e6, bufferS: 30, lastIndex: 3 }))).toBe(6);
    expect(bola.decide(input({ estimateBps: 100e6, bufferS: 0, lastIndex: 6 }))).toBe(0);
  });

  it('chooses monotonically more with more buffer, and never up past the safe throughput', () => {
    let last = 0;
    for (let b = 0; b <= 40; b += 0.5) {
      const fresh = createBolaRule(ladder);
      fresh.decide(input({ estimateBps: 64_000, bufferS: 0, lastIndex: -1 })); // placeholder 0
      const q = fresh.decide(input({ estimateBps: 1e9, bufferS: b, lastIndex: 6 }));
      expect(q).toBeGreaterThanOrEqual(last);
      last = q;
    }
    expect(last).toBe(6);
    const capped = createBolaRule(ladder);
    capped.decide(input({ estimateBps: 64_000, bufferS: 0, lastIndex: -1 }));
    // BOLA wants the top at 40 s, but 0.9 × 1 Mb/s only sustains rung 3 (BOLA-O cap).
    expect(capped.decide(input({ estimateBps: 1_000_000, bufferS: 40, lastIndex: 1 }))).toBe(3);
  });
});

describe('dash.js DYNAMIC', () => {
  it('hands over to BOLA at 18 s and back to throughput under 9 s', () => {
    const p = createDashJsDynamicPolicy(ladder).abr;
    const twin = createBolaRule(ladder); // fed the same inputs: BOLA's answer at each step
    const step = (estimateBps: number, bufferS: number, lastIndex: number) => {
      const x = input({ estimateBps, bufferS, lastIndex });
      return { got: p.decide(x), bola: twin.decide(x) };
    };
    expect(step(64_000, 0, -1).got).toBe(0); // startup
    const at17 = step(100e6, 17, 0); // below 18 s: throughput
    expect(at17.got).toBe(6);
    const at20 = step(100e6, 20, 6); // 18 s reached: BOLA
    expect(at20.got).toBe(at20.bola);
    expect(at20.bola).toBeLessThan(6);
    const at10 = step(100e6, 10, at20.got); // still above 9 s: BOLA
    expect(at10.got).toBe(at10.bola);
    expect(at10.bola).toBeLessThan(6);
    expect(step(100e6, 8.9, at10.got).got).toBe(6); // under 9 s: throughput again
    expect(step(100e6, 17.9, 6).got).toBe(6); // and it stays so until 18 s
  });
});

describe('shaka SimpleAbrManager', () => {
  it('keeps a rung inside its [b/0.95, next/0.85] band and re-chooses at most every 8 s', () => {
    const p = createShakaPolicy(ladder).abr;
    expect(p.decide(input({ estimateBps: 1e6, lastIndex: -1, nowS: 0 }))).toBe(3); // 947k ≤ 1M ≤ 1.88M
    // Within 8 s nothing changes, whatever the estimate.
    expect(p.decide(input({ estimateBps: 100e6, lastIndex: 3, nowS: 7.9 }))).toBe(3);
    expect(p.decide(input({ estimateBps: 100e6, lastIndex: 3, nowS: 8 }))).toBe(6);
    // 1.6M / 0.95 = 1.684M: at 1.68M rung 4 is out of its band, rung 3 (≤ 1.6M/0.85) is in.
    expect(p.decide(input({ estimateBps: 1.68e6, lastIndex: 6, nowS: 16 }))).toBe(3);
    expect(p.decide(input({ estimateBps: 1.69e6, lastIndex: 3, nowS: 24 }))).toBe(4);
  });
});

describe('ExoPlayer AdaptiveTrackSelection', () => {
  it('uses 0.7 of the estimate, up-switches only with ≥ 10 s, keeps quality with ≥ 25 s', () => {
    const p = createExoPlayerPolicy(ladder).abr;
    expect(p.decide(input({ estimateBps: 1e6, lastIndex: -1 }))).toBe(2); // 700k → 320k
    expect(p.decide(input({ estimateBps: 10e6, lastIndex: 2, bufferS: 9.9 }))).toBe(2);
    expect(p.decide(input({ estimateBps: 10e6, lastIndex: 2, bufferS: 10 }))).toBe(6); // 7M → 5.5M
    expect(p.decide(input({ estimateBps: 6e6, lastIndex: 2, bufferS: 10 }))).toBe(5); // 4.2M → 3M
    expect(p.decide(input({ estimateBps: 0.5e6, lastIndex: 5, bufferS: 25 }))).toBe(5);
    expect(p.decide(input({ estimateBps: 0.5e6, lastIndex: 5, bufferS: 24.9 }))).toBe(2);
  });
});

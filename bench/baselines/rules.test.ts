import type { SimAbrInput, SimDownloadProgress } from '@legato/sim';
import { describe, expect, it } from 'vitest';
import { createDashJsAbandonRule } from './dashjs-abandon-rule.js';
import { createDashJsBolaRule } from './dashjs-bola-rule.js';
import { createDashJsPolicy } from './dashjs-player.js';
import { createInsufficientBufferRule, createSwitchHistoryRule } from './dashjs-rules.js';
import { createExoPlayerPolicy } from './exoplayer.js';
import { createShakaPolicy } from './shaka.js';

const ladder = [64_000, 128_000, 320_000, 900_000, 1_600_000, 3_000_000, 5_500_000];
const input = (over: Partial<SimAbrInput>): SimAbrInput => ({
  estimateBps: 1e6,
  bufferS: 20,
  bufferTargetS: 40,
  lastIndex: 3,
  nowS: 100,
  segmentDurationS: 10,
  clearLeadRemainingS: 0,
  keyUsable: true,
  ...over,
});
const progress = (over: Partial<SimDownloadProgress>): SimDownloadProgress => ({
  segmentIndex: 5,
  index: 5,
  lastIndex: 5,
  bytesTotal: 3_750_000, // 3 Mb/s × 10 s
  bytesLoaded: 0,
  elapsedMs: 0,
  firstByteMs: 100,
  bufferS: 12,
  nowS: 100,
  segmentDurationS: 10,
  estimateBps: 3e6,
  segmentBytesByIndex: ladder.map((b) => (b * 10) / 8),
  ...over,
});

describe('dash.js v5 BolaRule', () => {
  it('derives Vp and gp from max(18 s, 10 + 2 × rungs)', () => {
    const bola = createDashJsBolaRule(ladder);
    const uTop = Math.log(5_500_000 / 64_000) + 1;
    expect(bola.params.bufferTime).toBe(24);
    expect(bola.params.gp).toBeCloseTo((uTop - 1) / (24 / 10 - 1), 12);
    expect(bola.params.vp).toBeCloseTo(10 / bola.params.gp, 12);
    expect(createDashJsBolaRule(ladder.slice(0, 3)).params.bufferTime).toBe(18);
  });

  it('starts from the safe throughput, re-seeding the placeholder until a segment is buffered', () => {
    const bola = createDashJsBolaRule(ladder);
    expect(bola.answer(0, Number.NaN, 0).index).toBeNull(); // nothing measured: no opinion
    expect(bola.answer(0, 1e6, 0).index).toBe(3); // 900k ≤ 1M
    const seeded = bola.placeholderS;
    expect(seeded).toBeGreaterThan(0);
    bola.onSegment(3, 10, 5000, 0);
    expect(bola.answer(4, 1e6, 5000).index).toBe(3); // 4 s < one segment: still startup
    expect(bola.placeholderS).toBeCloseTo(seeded - 4, 9);
    bola.onSegment(3, 10, 10_000, 4);
    expect(bola.answer(12, 1e6, 10_000).index).toBe(3); // 12 s ≥ 10 s: steady from here
    expect(bola.answer(12, 1e6, 10_000).delayS).toBe(0);
  });

  it('grows the placeholder with idle time, caps up-switches at the safe throughput (BOLA-O), waits above the rung level', () => {
    const bola = createDashJsBolaRule(ladder);
    bola.answer(0, 64_000, 0);
    bola.onSegment(0, 10, 1000, 0);
    bola.answer(10, 64_000, 1000); // steady, placeholder 0 (rung 0 needs none)
    const before = bola.placeholderS;
    bola.answer(10, 64_000, 4000); // 3 s later without a download
    expect(bola.placeholderS).toBeCloseTo(before + 3, 9);
    // Plenty of buffer, little throughput: BOLA wants more, BOLA-O holds the current rung.
    const held = bola.answer(30, 64_000, 4000);
    expect(held.index).toBe(0);
    // Above the level where rung 0 stops paying BOLA spends the placeholder, then waits.
    expect(held.delayS).toBeGreaterThan(0);
    const rich = createDashJsBolaRule(ladder);
    rich.answer(0, 1e9, 0);
    rich.onSegment(6, 10, 1000, 0);
    expect(rich.answer(40, 1e9, 1000)).toEqual({ index: 6, delayS: 0 }); // no wait at the top
  });

  it('drops the placeholder when the buffer empties and deflates it on abandonment', () => {
    const bola = createDashJsBolaRule(ladder);
    bola.answer(0, 1e6, 0);
    bola.onSegment(3, 10, 1000, 0);
    bola.answer(10, 1e6, 1000);
    bola.answer(10, 1e6, 21_000); // 20 s idle
    expect(bola.placeholderS).toBeGreaterThan(0);
    bola.onAbandoned(0, 5);
    expect(bola.placeholderS).toBeLessThanOrEqual(5); // MINIMUM_BUFFER_S − buffer
    bola.onBufferEmpty();
    expect(bola.placeholderS).toBe(0);
  });
});

describe('dash.js v5 InsufficientBufferRule and SwitchHistoryRule', () => {
  it('is silent for two segments, then caps at 0.7 × throughput × buffer / segment', () => {
    const rule = createInsufficientBufferRule(ladder);
    expect(rule.answer(5, 1e6, 10)).toBeNull();
    rule.onAppended();
    rule.onAppended();
    expect(rule.answer(5, 1e6, 10)).toBe(2); // 350 kb/s → 320k
    expect(rule.answer(0, 1e6, 10)).toBe(0); // buffer empty
    expect(rule.answer(20, 1e6, 10)).toBe(3); // 1.4 Mb/s → 900k (1.6M does not fit)
  });

  it('asks for the rung below once drops exceed 7.5 % of 8 decisions', () => {
    const rule = createSwitchHistoryRule(ladder);
    for (let i = 0; i < 7; i++) rule.push(4, 4);
    expect(rule.answer()).toBeNull(); // 7 samples
    rule.push(4, 3); // 1 drop / 7 no-drops = 14 % > 7.5 %
    expect(rule.answer()).toBe(3);
    rule.reset();
    expect(rule.answer()).toBeNull();
  });
});

describe('dash.js v5 AbandonRequestsRule', () => {
  it('abandons after ≥ 6 samples and 500 ms when the segment would take > 1.8 × its duration', () => {
    const rule = createDashJsAbandonRule(ladder, 18);
    let answer = -1;
    // 1 Mb/s of a 3 Mb/s segment: 30 s > 18 s. Samples every 100 ms after the first byte.
    for (let t = 200; t <= 800 && answer < 0; t += 100) {
      answer = rule(progress({ elapsedMs: t, bytesLoaded: ((t - 100) * 1e6) / 8000 }));
      if (t < 700) expect(answer).toBe(-1); // < 6 samples or ≤ 500 ms
    }
    expect(answer).toBe(3); // highest under 1 Mb/s
    expect(rule(progress({ elapsedMs: 900, bytesLoaded: 100_000 }))).toBe(-1); // once per segment
  });

  it('never with more than 18 s buffered, at the lowest rung, or when it would finish in time', () => {
    const feed = (over: Partial<SimDownloadProgress>) => {
      const rule = createDashJsAbandonRule(ladder, 18);
      let a = -1;
      for (let t = 200; t <= 1500; t += 100) {
        a = Math.max(
          a,
          rule(progress({ elapsedMs: t, bytesLoaded: ((t - 100) * 1e6) / 8000, ...over })),
        );
      }
      return a;
    };
    expect(feed({ bufferS: 18.5 })).toBe(-1);
    expect(feed({ index: 0, bytesTotal: 80_000 })).toBe(-1);
    expect(feed({ bytesTotal: 1_000_000 })).toBe(-1); // 8 s at 1 Mb/s < 18 s
    expect(feed({})).toBe(3);
  });
});

describe('dash.js v5 player (DYNAMIC, schedule, abandonment state)', () => {
  it('starts at the 100 kb/s initial bitrate and holds the buffer at 18 s (30 s at the top)', () => {
    const p = createDashJsPolicy(ladder, 'dynamic').abr;
    expect(p.delayS!(input({ lastIndex: -1, bufferS: 0, nowS: 0 }))).toBe(0);
    expect(p.decide(input({ lastIndex: -1, bufferS: 0, nowS: 0 }))).toBe(0); // 64k ≤ 100k
    expect(p.delayS!(input({ lastIndex: 3, bufferS: 25 }))).toBeCloseTo(7, 9);
    expect(p.delayS!(input({ lastIndex: 6, bufferS: 25 }))).toBe(0);
    expect(p.delayS!(input({ lastIndex: 6, bufferS: 35 }))).toBeCloseTo(5, 9);
  });

  it('after an abandonment only down-switches for 10 s', () => {
    const policy = createDashJsPolicy(ladder, 'throughput');
    const { abr, meter } = policy;
    abr.decide(input({ lastIndex: -1, bufferS: 0, nowS: 0 }));
    for (let i = 0; i < 3; i++) meter.addSample(1_250_000, 1000, 1000 * (i + 1), 0); // 10 Mb/s
    expect(abr.decide(input({ lastIndex: 0, bufferS: 10, nowS: 3 }))).toBe(6);
    let to = -1;
    for (let t = 200; t <= 1500 && to < 0; t += 100) {
      to = abr.abandon!(
        progress({
          index: 6,
          bytesTotal: 6_875_000,
          elapsedMs: t,
          bytesLoaded: ((t - 100) * 1e6) / 8000,
          nowS: 4 + t / 1000,
        }),
      );
    }
    expect(to).toBe(3);
    // The estimate still says 10 Mb/s, yet no up-switch within 10 s of the abandonment.
    expect(abr.decide(input({ lastIndex: 3, bufferS: 10, nowS: 10 }))).toBe(3);
    expect(abr.decide(input({ lastIndex: 3, bufferS: 10, nowS: 20 }))).toBe(6);
  });
});

describe('shaka SimpleAbrManager', () => {
  it('re-chooses as soon as 128 kB are measured, then at most every 8 s; fetches under 10 s buffered', () => {
    const { abr, meter } = createShakaPolicy(ladder);
    expect(abr.decide(input({ estimateBps: 1e6, lastIndex: -1, nowS: 0 }))).toBe(3); // 947k ≤ 1M ≤ 1.88M
    meter.addSample(100_000, 400, 400); // 2 Mb/s, but < 128 kB: startup not complete
    expect(abr.decide(input({ estimateBps: meter.estimate(), lastIndex: 3, nowS: 0.5 }))).toBe(3);
    meter.addSample(100_000, 100, 500); // 200 kB measured: re-choose now, despite 8 s
    expect(abr.decide(input({ estimateBps: 8e6, lastIndex: 3, nowS: 0.6 }))).toBe(6);
    expect(abr.decide(input({ estimateBps: 1e6, lastIndex: 6, nowS: 8.5 }))).toBe(6); // within 8 s
    expect(abr.decide(input({ estimateBps: 1e6, lastIndex: 6, nowS: 8.6 }))).toBe(3);
    expect(abr.delayS!(input({ bufferS: 14 }))).toBeCloseTo(4, 9);
    expect(abr.delayS!(input({ bufferS: 9 }))).toBe(0);
  });

  it('keeps a rung inside its [b/0.95, next/0.85] band', () => {
    const { abr, meter } = createShakaPolicy(ladder);
    meter.addSample(200_000, 100, 100);
    abr.decide(input({ lastIndex: -1, nowS: 0 }));
    abr.decide(input({ lastIndex: 3, nowS: 1 })); // startup completes
    // 1.6M / 0.95 = 1.684M: at 1.68M rung 4 is out of its band, rung 3 (≤ 1.6M/0.85) is in.
    expect(abr.decide(input({ estimateBps: 1.68e6, lastIndex: 6, nowS: 16 }))).toBe(3);
    expect(abr.decide(input({ estimateBps: 1.69e6, lastIndex: 3, nowS: 24 }))).toBe(4);
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

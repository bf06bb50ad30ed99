import { isLegatoError } from '@legato/errors';
import { createSeededRng, syntheticTrace, syntheticTraceClasses, type Trace } from '@legato/sim';
import { describe, expect, it } from 'vitest';

const meanBps = (t: Trace, fromMs: number, toMs: number): number => {
  let bits = 0;
  for (let i = 0; i < t.steps.length; i++) {
    const s = t.startMs[i]!;
    const e = t.startMs[i + 1]!;
    const span = Math.max(0, Math.min(e, toMs) - Math.max(s, fromMs));
    bits += (span * t.steps[i]!.bitsPerSecond) / 1000;
  }
  return (bits * 1000) / (toMs - fromMs);
};

describe('syntheticTrace', () => {
  it('is deterministic per class and seed, and differs across seeds', () => {
    for (const cls of syntheticTraceClasses) {
      const a = syntheticTrace(cls, { seed: 11 });
      expect(syntheticTrace(cls, { seed: 11 }).steps).toEqual(a.steps);
      expect(syntheticTrace(cls, { seed: 12 }).steps).not.toEqual(a.steps);
      expect(a.name).toBe(`synthetic:${cls}:11`);
      expect(a.periodMs).toBe(600_000);
    }
  });

  it('has the documented shape for each class (20 seeds)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const g3 = syntheticTrace('3g', { seed });
      expect(meanBps(g3, 0, 600_000)).toBeGreaterThan(0.15e6);
      expect(meanBps(g3, 0, 600_000)).toBeLessThan(5e6);

      const g4 = syntheticTrace('4g', { seed });
      expect(meanBps(g4, 0, 600_000)).toBeGreaterThan(2e6);

      const outage = syntheticTrace('outage', { seed });
      const zeros = outage.steps.filter((s) => s.bitsPerSecond === 0);
      expect(zeros.reduce((ms, s) => ms + s.durationMs, 0)).toBe(10_000);
      const first = outage.steps.findIndex((s) => s.bitsPerSecond === 0);
      expect(first).toBeGreaterThanOrEqual(30);
      expect(outage.steps[first + 9]!.bitsPerSecond).toBe(0);

      const down = syntheticTrace('step-down', { seed });
      expect(meanBps(down, 0, 30_000)).toBeGreaterThan(2.5 * meanBps(down, 90_000, 600_000));

      const slow = syntheticTrace('slow-start', { seed });
      expect(meanBps(slow, 0, 1000)).toBeLessThan(0.4e6);
      expect(meanBps(slow, 60_000, 600_000)).toBeGreaterThan(1.5e6);

      const wifi = syntheticTrace('wifi-flaky', { seed });
      const drops = wifi.steps.filter((s) => s.bitsPerSecond < 1e6).length;
      expect(drops).toBeGreaterThan(0);
      expect(meanBps(wifi, 0, 600_000)).toBeGreaterThan(4e6);
    }
  });

  it('uses an injected rng when given', () => {
    const a = syntheticTrace('3g', { rng: createSeededRng(5), seed: 99 });
    expect(a.steps).toEqual(syntheticTrace('3g', { seed: 5 }).steps);
  });

  it('rejects unknown classes and silly durations', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isLegatoError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(err(() => syntheticTrace('5g' as never))).toBe('INVALID_ARGUMENT');
    expect(err(() => syntheticTrace('3g', { durationS: 1 }))).toBe('INVALID_ARGUMENT');
    expect(err(() => createSeededRng(1.5))).toBe('INVALID_ARGUMENT');
  });
});

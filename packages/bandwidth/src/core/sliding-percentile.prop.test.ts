import { createSlidingPercentile, SampleSlot, type ThroughputStrategy } from '@legato/bandwidth';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

interface Sample {
  value: number;
  weight: number;
}

/** Straightforward reference: arrays, evict by weight like ExoPlayer, sort, accumulate. */
function reference(
  samples: readonly Sample[],
  percentile: number,
  maxWeight: number,
  capacity: number,
): number {
  const window: Sample[] = [];
  let total = 0;
  for (const s of samples) {
    if (window.length === capacity) total -= window.shift()!.weight;
    window.push({ ...s });
    total += s.weight;
    while (total > maxWeight) {
      const excess = total - maxWeight;
      const oldest = window[0]!;
      if (oldest.weight <= excess) {
        total -= oldest.weight;
        window.shift();
      } else {
        oldest.weight -= excess;
        total = maxWeight;
      }
    }
  }
  const sorted = [...window].sort((a, b) => a.value - b.value);
  let acc = 0;
  for (const s of sorted) {
    acc += s.weight;
    if (acc >= percentile * total) return s.value;
  }
  return sorted.at(-1)?.value ?? Number.NaN;
}

const record = new Float64Array(4);
function add(
  strategy: ThroughputStrategy,
  bitsPerSecond: number,
  bytes: number,
  durationMs: number,
  nowMs: number,
) {
  record[SampleSlot.BitsPerSecond] = bitsPerSecond;
  record[SampleSlot.Bytes] = bytes;
  record[SampleSlot.DurationMs] = durationMs;
  record[SampleSlot.NowMs] = nowMs;
  strategy.addSample(record);
}
function estimate(strategy: ThroughputStrategy): number {
  const out = new Float64Array(1);
  strategy.estimateInto(out, 0);
  return out[0]!;
}

describe('createSlidingPercentile', () => {
  it('matches the array-based reference for any sample sequence', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            value: fc.integer({ min: 1, max: 1000 }),
            bytes: fc.integer({ min: 1, max: 5000 }),
          }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.constantFrom(0.1, 0.5, 0.9, 1),
        fc.integer({ min: 50, max: 3000 }),
        fc.integer({ min: 1, max: 16 }),
        (raw, percentile, maxWeight, capacity) => {
          const strategy = createSlidingPercentile({
            percentile,
            maxWeight,
            capacity,
            weight: 'bytes',
          });
          raw.forEach((s, i) => {
            add(strategy, s.value, s.bytes, 100, i);
          });
          const samples = raw.map((s) => ({ value: s.value, weight: s.bytes }));
          expect(estimate(strategy)).toBe(reference(samples, percentile, maxWeight, capacity));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('weighs by sqrt(bytes) by default: one big sample outweighs several small ones less than by bytes', () => {
    const strategy = createSlidingPercentile();
    add(strategy, 1e6, 10_000, 100, 0); // weight 100
    add(strategy, 1e6, 10_000, 100, 1); // weight 100
    add(strategy, 5e6, 90_000, 100, 2); // weight 300: the sqrt median is 5 Mb/s
    expect(estimate(strategy)).toBe(5e6);
    const byCount = createSlidingPercentile({ weight: () => 1 });
    add(byCount, 1e6, 10_000, 100, 0);
    add(byCount, 1e6, 10_000, 100, 1);
    add(byCount, 5e6, 90_000, 100, 2);
    expect(estimate(byCount)).toBe(1e6);
  });

  it('drops samples older than maxSampleAgeMs', () => {
    const strategy = createSlidingPercentile({ maxSampleAgeMs: 1000 });
    add(strategy, 1e6, 10_000, 100, 0);
    add(strategy, 1e6, 10_000, 100, 10);
    add(strategy, 3e6, 10_000, 100, 1500);
    expect(estimate(strategy)).toBe(3e6);
  });
});

import { fc, test } from '@fast-check/vitest';
import { bytesDeliverable, createTrace, deliveryEndMs, type Trace } from '@legato/sim';
import { describe, expect } from 'vitest';

const stepArb = fc.record({
  durationMs: fc.integer({ min: 1, max: 3000 }),
  bitsPerSecond: fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 50_000_000 })),
  latencyMs: fc.integer({ min: 0, max: 300 }),
});
const traceArb = fc
  .tuple(fc.array(stepArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('loop', 'hold'))
  .filter(([steps, end]) =>
    end === 'loop'
      ? steps.some((s) => s.bitsPerSecond > 0)
      : steps[steps.length - 1]!.bitsPerSecond > 0,
  )
  .map(([steps, end]) => createTrace(steps, { end: end as 'loop' | 'hold' }));

/** Reference: walk the steps one at a time (no prefix sums, no binary search). */
function naiveBits(trace: Trace, toMs: number): number {
  let t = 0;
  let bits = 0;
  for (let i = 0; t < toMs; i++) {
    const n = trace.steps.length;
    const step = trace.end === 'hold' && i >= n ? trace.steps[n - 1]! : trace.steps[i % n]!;
    const dur = trace.end === 'hold' && i >= n ? Number.POSITIVE_INFINITY : step.durationMs;
    const span = Math.min(dur, toMs - t);
    bits += (span * step.bitsPerSecond) / 1000;
    t += span;
  }
  return bits;
}

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('trace integration laws', () => {
  test.prop(
    [
      traceArb,
      fc.double({ min: 0, max: 60_000, noNaN: true }),
      fc.double({ min: 0, max: 60_000, noNaN: true }),
    ],
    {
      numRuns: 200,
    },
  )('bytesDeliverable equals a step-by-step integration', (trace, a, b) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const expected = (naiveBits(trace, to) - naiveBits(trace, from)) / 8;
    expect(close(bytesDeliverable(trace, from, to), expected)).toBe(true);
  });

  test.prop(
    [
      traceArb,
      fc.double({ min: 0, max: 30_000, noNaN: true }),
      fc.integer({ min: 1, max: 5_000_000 }),
    ],
    {
      numRuns: 200,
    },
  )('deliveryEndMs is the earliest time the bytes have arrived', (trace, from, bytes) => {
    const end = deliveryEndMs(trace, from, bytes);
    expect(end).toBeGreaterThanOrEqual(from);
    expect(close(bytesDeliverable(trace, from, end), bytes)).toBe(true);
    // Any earlier instant has delivered strictly less (1 ms earlier: ≥ 0.125 B at ≥ 1 kb/s).
    if (end - 1 >= from) expect(bytesDeliverable(trace, from, end - 1)).toBeLessThan(bytes);
  });

  test.prop(
    [
      traceArb,
      fc.double({ min: 0, max: 30_000, noNaN: true }),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 1, max: 1_000_000 }),
    ],
    {
      numRuns: 150,
    },
  )('deliveries compose: x then y ends when x + y ends', (trace, from, x, y) => {
    const mid = deliveryEndMs(trace, from, x);
    const end = deliveryEndMs(trace, mid, y);
    const direct = deliveryEndMs(trace, from, x + y);
    expect(Math.abs(end - direct)).toBeLessThan(1e-3);
  });
});

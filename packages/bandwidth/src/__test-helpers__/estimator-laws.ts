import fc from 'fast-check';
import { expect } from 'vitest';
import type { BandwidthEstimator } from '../core/bandwidth-estimator.js';

/** Options of {@link assertEstimatorLaws}. */
export interface EstimatorLawOptions {
  /** fast-check runs per law. @default 60 */
  readonly numRuns?: number;
  /** Relative error allowed after convergence. @default 0.01 */
  readonly tolerance?: number;
}

const rateArb = fc.double({ min: 8_000, max: 1e9, noNaN: true });
const chunkArb = fc.record({
  bytes: fc.integer({ min: 16_000, max: 4_000_000 }),
  jitter: fc.double({ min: 0.5, max: 2, noNaN: true }),
});

/** Feeds `samples` chunks at a constant `bitsPerSecond`; returns the clock after the last one. */
function feedConstant(
  estimator: BandwidthEstimator,
  bitsPerSecond: number,
  sizes: readonly number[],
  startMs: number,
  onEstimate?: (estimate: number) => void,
): number {
  let nowMs = startMs;
  // Real transfers at this rate take at least 5 ms (faster ones would be cache hits).
  const minBytes = Math.ceil((bitsPerSecond * 5) / 8000);
  for (const size of sizes) {
    const bytes = Math.max(size, minBytes);
    const durationMs = (bytes * 8000) / bitsPerSecond;
    nowMs += durationMs;
    estimator.addSample(bytes, durationMs, nowMs);
    onEstimate?.(estimator.estimate());
  }
  return nowMs;
}

/**
 * The laws every bandwidth estimator configuration must keep (issue 4): it converges to a
 * constant true rate, and so does its upper reading; neither is ever negative, NaN or infinite,
 * whatever it is fed, and the upper reading is never under the estimate; its response
 * to a step is monotone (never overshoots, never moves against the step) and reaches the new rate.
 */
export function assertEstimatorLaws(
  make: () => BandwidthEstimator,
  options: EstimatorLawOptions = {},
): void {
  const numRuns = options.numRuns ?? 60;
  const tolerance = options.tolerance ?? 0.01;
  const sizesArb = fc.array(chunkArb, { minLength: 60, maxLength: 120 });

  // Converges to a constant true rate.
  fc.assert(
    fc.property(rateArb, sizesArb, (rate, chunks) => {
      const estimator = make();
      feedConstant(
        estimator,
        rate,
        chunks.map((c) => Math.round(c.bytes * c.jitter)),
        0,
      );
      expect(estimator.hasEnoughData()).toBe(true);
      expect(Math.abs(estimator.estimate() - rate) / rate).toBeLessThan(tolerance);
      expect(Math.abs(estimator.upperEstimate() - rate) / rate).toBeLessThan(tolerance);
    }),
    { numRuns },
  );

  // Never negative, NaN or infinite, whatever arrives (garbage included).
  const anyNumber = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -1, Number.NaN, Infinity, -Infinity, 1e-9, 1e300),
  );
  fc.assert(
    fc.property(
      fc.array(fc.tuple(anyNumber, anyNumber, anyNumber), { maxLength: 80 }),
      (samples) => {
        const estimator = make();
        for (const [bytes, durationMs, nowMs] of samples) {
          estimator.addSample(bytes, durationMs, nowMs);
          const estimate = estimator.estimate();
          expect(Number.isFinite(estimate)).toBe(true);
          expect(estimate).toBeGreaterThanOrEqual(0);
          // The upper reading is as sane, and never under the estimate.
          expect(Number.isFinite(estimator.upperEstimate())).toBe(true);
          expect(estimator.upperEstimate()).toBeGreaterThanOrEqual(estimate);
        }
      },
    ),
    { numRuns },
  );

  // Monotone response to a step, ending at the new rate.
  fc.assert(
    fc.property(
      rateArb,
      rateArb,
      fc.integer({ min: 20_000, max: 2_000_000 }),
      (from, to, bytes) => {
        fc.pre(Math.abs(to / from - 1) > 0.01);
        const estimator = make();
        // 120 s of transfer time at each rate: 15 half-lives of dash.js's slow average (8 s).
        const sizes = (rate: number) => {
          const chunk = Math.max(bytes, Math.ceil((rate * 5) / 8000));
          return Array.from(
            { length: Math.ceil((120_000 * rate) / (chunk * 8000)) + 20 },
            () => chunk,
          );
        };
        const t = feedConstant(estimator, from, sizes(from), 0);
        let previous = estimator.estimate();
        const slack = 1e-9 * Math.max(from, to);
        let violation = '';
        feedConstant(estimator, to, sizes(to), t, (estimate) => {
          const against = to > from ? estimate < previous - slack : estimate > previous + slack;
          const overshoot = to > from ? estimate > to + slack : estimate < to - slack;
          if (!violation && (against || overshoot)) {
            violation = `${against ? 'moved against the step' : 'overshot'}: ${previous} → ${estimate} (step ${from} → ${to})`;
          }
          previous = estimate;
        });
        expect(violation).toBe('');
        expect(Math.abs(previous - to) / to).toBeLessThan(tolerance);
      },
    ),
    { numRuns },
  );
}

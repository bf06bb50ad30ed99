import { type BandwidthEstimatorConfig, createBandwidthEstimator } from '@legato/bandwidth';
import { hasErrorCode } from '@legato/errors';
import { describe, expect, it } from 'vitest';

describe('createBandwidthEstimator', () => {
  it('by default, one 16 kB sample replaces the default estimate', () => {
    const estimator = createBandwidthEstimator({ defaultEstimateBps: 500_000 });
    expect(estimator.addSample(10_000, 40, 40)).toBe('merged'); // under the 16 kB sample floor
    expect(estimator.estimate()).toBe(500_000);
    expect(estimator.addSample(10_000, 40, 80)).toBe('used'); // 20 kB in 80 ms: 2 Mb/s
    expect(estimator.hasEnoughData()).toBe(true);
    expect(estimator.estimate()).toBeCloseTo(2_000_000, 3);
  });

  it('upperEstimate: the higher of the dual EWMA’s averages, the estimate itself otherwise', () => {
    const estimator = createBandwidthEstimator({ defaultEstimateBps: 500_000 });
    expect(estimator.upperEstimate()).toBe(500_000);
    let nowMs = 0;
    const feed = (bitsPerSecond: number, samples: number) => {
      for (let i = 0; i < samples; i++) {
        nowMs += 1000;
        estimator.addSample(bitsPerSecond / 8, 1000, nowMs);
      }
    };
    feed(1e6, 20);
    expect(estimator.upperEstimate() / estimator.estimate()).toBeCloseTo(1, 6);
    // A rise: the fast average (2 s half-life) leads, the estimate follows the slow one (3 s).
    feed(4e6, 2);
    // (Within 0.5 %: the zero-start bias correction still weighs a little after 22 s.)
    const fast = 4e6 - 3e6 * 0.5 ** (2 / 2);
    const slow = 4e6 - 3e6 * 0.5 ** (2 / 3);
    expect(estimator.upperEstimate() / fast).toBeCloseTo(1, 2);
    expect(estimator.estimate() / slow).toBeCloseTo(1, 2);
    // A drop: now the slow average is the higher.
    feed(1e6, 20);
    feed(0.25e6, 1);
    expect(estimator.upperEstimate()).toBeGreaterThan(estimator.estimate());
    expect(estimator.estimate()).toBeLessThan(0.8e6);
    expect(estimator.upperEstimate()).toBeGreaterThan(0.8e6);
    estimator.reset();
    expect(estimator.upperEstimate()).toBe(500_000);
    // One reading: the sliding percentile's upper reading is its estimate.
    const percentile = createBandwidthEstimator({ strategy: { kind: 'sliding-percentile' } });
    for (let i = 0; i < 5; i++) percentile.addSample(250_000 * (i + 1), 1000, 1000 * (i + 1));
    expect(percentile.upperEstimate()).toBe(percentile.estimate());
  });

  it('reports the default until minTotalBytes were measured, then the samples', () => {
    const estimator = createBandwidthEstimator({
      defaultEstimateBps: 500_000,
      minTotalBytes: 128_000,
    });
    expect(estimator.estimate()).toBe(500_000);
    estimator.addSample(100_000, 400, 400); // 2 Mb/s, 100 kB < 128 kB
    expect(estimator.hasEnoughData()).toBe(false);
    expect(estimator.estimate()).toBe(500_000);
    estimator.addSample(100_000, 400, 800);
    expect(estimator.hasEnoughData()).toBe(true);
    expect(estimator.estimate()).toBeCloseTo(2_000_000, 3);
  });

  it('merges samples under the byte floor into one sample', () => {
    const estimator = createBandwidthEstimator({ minTotalBytes: 0, minSampleBytes: 16_000 });
    expect(estimator.addSample(8_000, 10, 10)).toBe('merged');
    expect(estimator.addSample(8_000, 54, 64)).toBe('used'); // 16 kB in 64 ms = 2 Mb/s
    expect(estimator.estimate()).toBeCloseTo(2_000_000, 3);
    expect(estimator.stats()).toMatchObject({ usedSamples: 1, usedBytes: 16_000 });
  });

  it('counts cache-speed samples apart without moving the estimate', () => {
    const estimator = createBandwidthEstimator({ minTotalBytes: 0 });
    estimator.addSample(125_000, 1000, 1000);
    expect(estimator.addSample(1_000_000, 0.2, 1001)).toBe('cache');
    expect(estimator.estimate()).toBeCloseTo(1_000_000, 3);
    expect(estimator.stats()).toMatchObject({ cacheSamples: 1, cacheBytes: 1_000_000 });
  });

  it('rejects invalid samples and counts them', () => {
    const estimator = createBandwidthEstimator();
    for (const [b, d, t] of [
      [-1, 10, 0],
      [Number.NaN, 10, 0],
      [1000, -5, 0],
      [1000, Infinity, 0],
      [0, 10, 0],
    ]) {
      expect(estimator.addSample(b!, d!, t!)).toBe('invalid');
    }
    expect(estimator.stats().invalidSamples).toBe(5);
    expect(estimator.estimate()).toBe(1_000_000);
  });

  it('caps an outlier at outlierFactor × the estimate instead of following it', () => {
    const estimator = createBandwidthEstimator({ minTotalBytes: 0, outlierFactor: 4 });
    estimator.addSample(125_000, 1000, 1000); // 1 Mb/s
    estimator.addSample(125_000, 10, 1010); // 100 Mb/s burst: capped at 4 Mb/s
    expect(estimator.stats().cappedSamples).toBe(1);
    const a = 0.5 ** (0.01 / 3);
    const slow = (1e6 * (1 - 0.5 ** (1 / 3)) * a + 4e6 * (1 - a)) / (1 - 0.5 ** (1.01 / 3));
    expect(estimator.estimate()).toBeCloseTo(slow, 0);
  });

  it('forgets everything on reset', () => {
    const estimator = createBandwidthEstimator({ minTotalBytes: 0 });
    estimator.addSample(125_000, 1000, 1000);
    estimator.reset();
    expect(estimator.hasEnoughData()).toBe(false);
    expect(estimator.estimate()).toBe(1_000_000);
    expect(estimator.stats()).toEqual({
      usedSamples: 0,
      usedBytes: 0,
      cacheSamples: 0,
      cacheBytes: 0,
      invalidSamples: 0,
      cappedSamples: 0,
    });
  });

  it('rejects out-of-range options with BANDWIDTH_INVALID_CONFIG naming the option', () => {
    let error: unknown;
    try {
      createBandwidthEstimator({ strategy: { kind: 'dual-ewma', fastHalfLifeS: 0 } });
    } catch (e) {
      error = e;
    }
    expect(hasErrorCode(error, 'BANDWIDTH_INVALID_CONFIG')).toBe(true);
    expect((error as Error).message).toBe(
      'bandwidth option fastHalfLifeS: expected a number in (0, 1000000], received 0',
    );
    const unknownKind = { strategy: { kind: 'median' } } as unknown as BandwidthEstimatorConfig;
    expect(() => createBandwidthEstimator(unknownKind)).toThrow(
      "bandwidth option strategy.kind: expected 'dual-ewma' or 'sliding-percentile', received median",
    );
  });
});

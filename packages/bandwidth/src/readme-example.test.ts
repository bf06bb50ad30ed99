import {
  createBandwidthEstimator,
  estimateBandwidth,
  type ProgressSample,
} from '@legato/bandwidth';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

describe('README example', () => {
  it('estimates from download samples, core and operator', async () => {
    // #region readme
    const estimator = createBandwidthEstimator({ defaultEstimateBps: 500_000 });
    estimator.estimate(); // 500_000: the default, until 16 kB were measured
    estimator.addSample(250_000, 1000, 1000); // 250 kB in 1 s: 2 Mb/s
    estimator.estimate(); // 2_000_000 (dual EWMA 2 s / 3 s, bias-corrected)
    estimator.addSample(2_000_000, 0.3, 1001); // 0.3 ms: a cache hit, counted apart
    estimator.stats().cacheSamples; // 1

    // The same, as an operator over fetch progress events:
    const progress: ProgressSample[] = [
      { bytes: 125_000, elapsedMs: 1000, nowMs: 1000 },
      { bytes: 125_000, elapsedMs: 1000, nowMs: 2000 },
    ];
    const estimates = await lastValueFrom(
      from(progress).pipe(estimateBandwidth({ defaultEstimateBps: 500_000 }), toArray()),
    ); // [500_000, 1_000_000]
    // #endregion
    expect(estimator.estimate()).toBeCloseTo(2_000_000, 3);
    expect(estimator.stats().cacheSamples).toBe(1);
    expect(estimates.map(Math.round)).toEqual([500_000, 1_000_000]);
  });
});

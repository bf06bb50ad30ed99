import { createBandwidthEstimator } from '@legato/bandwidth';
import { describe, it } from 'vitest';
import { assertEstimatorLaws } from '../__test-helpers__/estimator-laws.js';

describe('bandwidth estimator laws', () => {
  it('dual EWMA (default) keeps the laws', () => {
    assertEstimatorLaws(() => createBandwidthEstimator());
  });

  it('dual EWMA with dash.js half-lives (3 s / 8 s) keeps the laws', () => {
    assertEstimatorLaws(() =>
      createBandwidthEstimator({
        strategy: { kind: 'dual-ewma', fastHalfLifeS: 3, slowHalfLifeS: 8 },
      }),
    );
  });

  it('sliding percentile, sqrt(bytes)-weighted median, keeps the laws', () => {
    assertEstimatorLaws(() =>
      createBandwidthEstimator({ strategy: { kind: 'sliding-percentile' } }),
    );
  });

  it('sliding percentile, bytes-weighted 30th percentile in a small ring, keeps the laws', () => {
    assertEstimatorLaws(() =>
      createBandwidthEstimator({
        strategy: {
          kind: 'sliding-percentile',
          percentile: 0.3,
          weight: 'bytes',
          maxWeight: 5e6,
          capacity: 8,
        },
      }),
    );
  });
});

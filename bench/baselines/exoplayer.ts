import type { SimPolicy } from '@legato/sim';
import { highestAffordable } from './highest-affordable.js';
import { createSlidingMedianMeter } from './sliding-median-meter.js';

/**
 * ExoPlayer (media3) AdaptiveTrackSelection (`AdaptiveTrackSelection.java`) over its
 * DefaultBandwidthMeter (`createSlidingMedianMeter`: samples without the time to first byte):
 * the ideal rung is the highest ≤ 0.7 × the estimate (`DEFAULT_BANDWIDTH_FRACTION`); an
 * up-switch waits until ≥ 10 s are buffered (`DEFAULT_MIN_DURATION_FOR_QUALITY_INCREASE_MS`),
 * and with ≥ 25 s buffered a down-switch is not taken
 * (`DEFAULT_MAX_DURATION_FOR_QUALITY_DECREASE_MS`). DefaultBandwidthMeter has no time-to-first-
 * byte estimate (`getTimeToFirstByteEstimateUs` is `C.TIME_UNSET`), so the allocated bandwidth is
 * not scaled by it. DefaultLoadControl buffers up to 50 s (`DEFAULT_MAX_BUFFER_MS`), above the
 * session's 40 s target, so it adds no wait.
 */
export function createExoPlayerPolicy(bitrates: readonly number[]): SimPolicy {
  const bandwidthFraction = 0.7;
  const minBufferForIncreaseS = 10;
  const maxBufferForDecreaseS = 25;
  return {
    name: 'exoplayer',
    meter: createSlidingMedianMeter(),
    abr: {
      decide(input) {
        const ideal = highestAffordable(bitrates, input.estimateBps * bandwidthFraction);
        const current = input.lastIndex;
        if (current < 0) return ideal;
        if (ideal > current && input.bufferS < minBufferForIncreaseS) return current;
        if (ideal < current && input.bufferS >= maxBufferForDecreaseS) return current;
        return ideal;
      },
    },
  };
}

import type { SimPolicy } from '@legato/sim';
import { highestAffordable } from './highest-affordable.js';
import { createSlidingMedianMeter } from './sliding-median-meter.js';

/**
 * ExoPlayer's AdaptiveTrackSelection over its DefaultBandwidthMeter: the ideal rung is the
 * highest ≤ 0.7 × the estimate; an up-switch waits until ≥ 10 s are buffered, and with ≥ 25 s
 * buffered a down-switch is not taken.
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

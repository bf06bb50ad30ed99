import type { SimPolicy } from '@legato/sim';
import { createDualEwmaMeter } from './dual-ewma-meter.js';

/**
 * shaka-player v4's SimpleAbrManager (`lib/abr/simple_abr_manager.js`) over its
 * EwmaBandwidthEstimator (`lib/abr/ewma_bandwidth_estimator.js`), defaults from
 * `lib/util/player_configuration.js`:
 * - dual EWMA, half-lives 2 s / 5 s of download time (`abr.advanced.fastHalfLife`,
 *   `slowHalfLife`), samples under 16 kB ignored (`minBytes`), the 1 Mb/s
 *   `defaultBandwidthEstimate` until 128 kB were measured (`minTotalBytes`); samples run from
 *   the request (latency included);
 * - `chooseVariant`: the highest rung whose band `[bitrate / 0.95, next bitrate / 0.85]`
 *   (`bandwidthDowngradeTarget`, `bandwidthUpgradeTarget`) holds the estimate;
 * - `suggestStreams_`: the first time the estimate is good (128 kB) it re-chooses at once
 *   (startup complete); afterwards at most every 8 s (`switchInterval`);
 * - StreamingEngine fetches only while less than `streaming.bufferingGoal` (10 s) is buffered.
 */
export function createShakaPolicy(bitrates: readonly number[]): SimPolicy {
  const upgradeTarget = 0.85;
  const downgradeTarget = 0.95;
  const switchIntervalS = 8;
  const bufferingGoalS = 10;
  const minTotalBytes = 128_000;
  const meter = createDualEwmaMeter({
    fastHalfLife: 2,
    slowHalfLife: 5,
    defaultEstimateBps: 1_000_000,
    minTotalBytes,
    minSampleBytes: 16_000,
  });
  let lastChoiceS = Number.NEGATIVE_INFINITY;
  let startupComplete = false;
  let current = 0;
  const choose = (estimateBps: number) => {
    let chosen = 0;
    for (let i = 0; i < bitrates.length; i++) {
      const min = bitrates[i]! / downgradeTarget;
      const next = bitrates[i + 1];
      const max = next === undefined ? Number.POSITIVE_INFINITY : next / upgradeTarget;
      if (estimateBps >= min && estimateBps <= max) chosen = i;
    }
    return chosen;
  };
  return {
    name: 'shaka',
    meter,
    abr: {
      delayS: (input) =>
        input.lastIndex >= 0 && input.bufferS > bufferingGoalS + 1e-9
          ? input.bufferS - bufferingGoalS
          : 0,
      decide(input) {
        if (input.lastIndex >= 0) {
          if (!startupComplete) {
            if (meter.bytesSampled() < minTotalBytes) return current;
            startupComplete = true;
          } else if (input.nowS - lastChoiceS < switchIntervalS) {
            return current;
          }
        }
        lastChoiceS = input.nowS;
        current = choose(input.estimateBps);
        return current;
      },
    },
  };
}

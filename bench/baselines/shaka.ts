import type { SimPolicy } from '@legato/sim';
import { createDualEwmaMeter } from './dual-ewma-meter.js';

/**
 * shaka-player's SimpleAbrManager: dual EWMA (2 s / 5 s) with a 1 Mb/s default until 128 kB
 * were measured (samples under 16 kB ignored); a rung is kept while the estimate lies in
 * [bitrate / 0.95, next bitrate / 0.85] — the highest such rung wins — and a new choice is made
 * at most every 8 s.
 */
export function createShakaPolicy(bitrates: readonly number[]): SimPolicy {
  const upgradeTarget = 0.85;
  const downgradeTarget = 0.95;
  const switchIntervalS = 8;
  let lastChoiceS = Number.NEGATIVE_INFINITY;
  let current = 0;
  return {
    name: 'shaka',
    meter: createDualEwmaMeter({
      fastHalfLifeS: 2,
      slowHalfLifeS: 5,
      defaultEstimateBps: 1_000_000,
      minTotalBytes: 128_000,
      minSampleBytes: 16_000,
    }),
    abr: {
      decide(input) {
        if (input.lastIndex >= 0 && input.nowS - lastChoiceS < switchIntervalS) return current;
        lastChoiceS = input.nowS;
        let chosen = 0;
        for (let i = 0; i < bitrates.length; i++) {
          const min = bitrates[i]! / downgradeTarget;
          const next = bitrates[i + 1];
          const max = next === undefined ? Number.POSITIVE_INFINITY : next / upgradeTarget;
          if (input.estimateBps >= min && input.estimateBps <= max) chosen = i;
        }
        current = chosen;
        return chosen;
      },
    },
  };
}

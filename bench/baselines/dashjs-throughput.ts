import type { SimAbrPolicy, SimBandwidthMeter, SimPolicy } from '@legato/sim';
import { createDualEwmaMeter } from './dual-ewma-meter.js';
import { highestAffordable } from './highest-affordable.js';

/** dash.js ThroughputRule's safety factor on the throughput estimate. */
export const DASHJS_SAFETY_FACTOR = 0.9;

/** dash.js's throughput meter for on-demand content: EWMA 3 s / 8 s, min of both. */
export function createDashJsMeter(): SimBandwidthMeter {
  // dash.js starts audio at its initial bitrate (100 kb/s) until a download was measured.
  return createDualEwmaMeter({
    fastHalfLifeS: 3,
    slowHalfLifeS: 8,
    defaultEstimateBps: 100_000 / DASHJS_SAFETY_FACTOR,
    minTotalBytes: 1,
    minSampleBytes: 0,
  });
}

/** dash.js ThroughputRule: highest bitrate ≤ 0.9 × the estimate. */
export function createDashJsThroughputRule(bitrates: readonly number[]): SimAbrPolicy {
  return {
    decide: (input) => highestAffordable(bitrates, input.estimateBps * DASHJS_SAFETY_FACTOR),
  };
}

/** The dash.js ThroughputRule baseline as a simulator policy. */
export function createDashJsThroughputPolicy(bitrates: readonly number[]): SimPolicy {
  return {
    name: 'dashjs-throughput',
    meter: createDashJsMeter(),
    abr: createDashJsThroughputRule(bitrates),
  };
}

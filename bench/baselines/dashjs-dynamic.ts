import type { SimPolicy } from '@legato/sim';
import { createBolaRule } from './bola.js';
import { createDashJsMeter, createDashJsThroughputRule } from './dashjs-throughput.js';

/** Buffer level at which dash.js DYNAMIC hands over to BOLA, s (half of it hands back). */
export const DYNAMIC_SWITCH_ON_S = 18;

/**
 * dash.js DYNAMIC: the ThroughputRule while the buffer is low, BOLA once it reaches 18 s,
 * back to throughput under 9 s (hysteresis). BOLA's state is kept across hand-overs.
 */
export function createDashJsDynamicPolicy(bitrates: readonly number[]): SimPolicy {
  const throughput = createDashJsThroughputRule(bitrates);
  const bola = createBolaRule(bitrates);
  let useBola = false;
  return {
    name: 'dashjs-dynamic',
    meter: createDashJsMeter(),
    abr: {
      decide(input) {
        useBola = input.bufferS >= (useBola ? DYNAMIC_SWITCH_ON_S / 2 : DYNAMIC_SWITCH_ON_S);
        const b = bola.decide(input); // keeps BOLA's state current either way
        return useBola ? b : throughput.decide(input);
      },
    },
  };
}

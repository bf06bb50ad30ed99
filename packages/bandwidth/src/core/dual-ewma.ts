import { checkRange } from '../_internal/check-range.js';
import { SampleSlot, type ThroughputStrategy } from './throughput-strategy.js';

/** Options of the dual-EWMA strategy. */
export interface DualEwmaConfig {
  /** Half-life of the fast average, in seconds of sample duration. @default 2 */
  readonly fastHalfLifeS?: number;
  /** Half-life of the slow average, in seconds of sample duration. @default 5 */
  readonly slowHalfLifeS?: number;
}

// Slots of the state array: per average, the raw EWMA and the total weight (s) added.
const FAST_AVERAGE = 0;
const FAST_WEIGHT_S = 1;
const SLOW_AVERAGE = 2;
const SLOW_WEIGHT_S = 3;

/**
 * Creates the dual-EWMA strategy: two EWMAs of throughput weighted by sample duration (a sample
 * of one half-life halves the weight of everything before it), each divided by
 * `1 − α^totalWeight` (zero-start bias correction, as shaka-player does, so the first sample is
 * reported exactly), and the conservative minimum of both, as shaka-player and dash.js do: a
 * drop is followed fast, a rise at the pace of the slow average. O(1), allocation-free.
 */
export function createDualEwma(config: DualEwmaConfig = {}): ThroughputStrategy {
  const fastHalfLifeS = checkRange('fastHalfLifeS', config.fastHalfLifeS ?? 2, 0, 1e6, true);
  const slowHalfLifeS = checkRange('slowHalfLifeS', config.slowHalfLifeS ?? 5, 0, 1e6, true);
  const fastAlpha = Math.exp(Math.log(0.5) / fastHalfLifeS);
  const slowAlpha = Math.exp(Math.log(0.5) / slowHalfLifeS);
  const state = new Float64Array(4);
  return {
    addSample(sample) {
      const weightS = sample[SampleSlot.DurationMs]! / 1000;
      const value = sample[SampleSlot.BitsPerSecond]!;
      const fastAdj = fastAlpha ** weightS;
      const slowAdj = slowAlpha ** weightS;
      const fast = value * (1 - fastAdj) + fastAdj * state[FAST_AVERAGE]!;
      const slow = value * (1 - slowAdj) + slowAdj * state[SLOW_AVERAGE]!;
      if (!Number.isFinite(fast) || !Number.isFinite(slow)) return;
      state[FAST_AVERAGE] = fast;
      state[SLOW_AVERAGE] = slow;
      state[FAST_WEIGHT_S] = state[FAST_WEIGHT_S]! + weightS;
      state[SLOW_WEIGHT_S] = state[SLOW_WEIGHT_S]! + weightS;
    },
    estimateInto(out, index) {
      if (state[FAST_WEIGHT_S] === 0) {
        out[index] = Number.NaN;
        return;
      }
      const fast = state[FAST_AVERAGE]! / (1 - fastAlpha ** state[FAST_WEIGHT_S]!);
      const slow = state[SLOW_AVERAGE]! / (1 - slowAlpha ** state[SLOW_WEIGHT_S]!);
      out[index] = Math.min(fast, slow);
    },
    reset() {
      state.fill(0);
    },
  };
}

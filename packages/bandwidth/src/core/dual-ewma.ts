import { checkRange } from '../_internal/check-range.js';
import { SampleSlot, type ThroughputStrategy } from './throughput-strategy.js';

/** Options of the dual-EWMA strategy. */
export interface DualEwmaConfig {
  /** Half-life of the fast average, in seconds of sample duration. @default 2 */
  readonly fastHalfLifeS?: number;
  /**
   * Half-life of the slow average, in seconds of sample duration (shaka-player uses 5; 3 tuned
   * on the QoE bench's tuning set follows a rising link sooner). @default 3
   */
  readonly slowHalfLifeS?: number;
}

// Slots of the state array: per average, the raw EWMA and α^(total weight added), the part of
// the zero start still in it (1 before any sample), kept as a running product so that reading
// the estimate needs no power.
const FAST_AVERAGE = 0;
const FAST_ZERO = 1;
const SLOW_AVERAGE = 2;
const SLOW_ZERO = 3;

/**
 * Creates the dual-EWMA strategy: two EWMAs of throughput weighted by sample duration (a sample
 * of one half-life halves the weight of everything before it), each divided by
 * `1 − α^totalWeight` (zero-start bias correction, as shaka-player does, so the first sample is
 * reported exactly), and the conservative minimum of both, as shaka-player and dash.js do: a
 * drop is followed fast, a rise at the pace of the slow average. O(1), allocation-free.
 */
export function createDualEwma(config: DualEwmaConfig = {}): ThroughputStrategy {
  const fastHalfLifeS = checkRange('fastHalfLifeS', config.fastHalfLifeS ?? 2, 0, 1e6, true);
  const slowHalfLifeS = checkRange('slowHalfLifeS', config.slowHalfLifeS ?? 3, 0, 1e6, true);
  // ln α per second of weight: α^w = exp(w · ln α), one exp instead of a general power.
  const fastLnAlpha = Math.log(0.5) / fastHalfLifeS;
  const slowLnAlpha = Math.log(0.5) / slowHalfLifeS;
  const state = new Float64Array(4);
  state[FAST_ZERO] = 1;
  state[SLOW_ZERO] = 1;
  /** Writes the lower (or, `upper`, the higher) bias-corrected average to `out[index]`; NaN before any sample. */
  function readInto(out: Float64Array, index: number, upper: boolean): void {
    if (state[FAST_ZERO] === 1) {
      out[index] = Number.NaN;
      return;
    }
    const fast = state[FAST_AVERAGE]! / (1 - state[FAST_ZERO]!);
    const slow = state[SLOW_AVERAGE]! / (1 - state[SLOW_ZERO]!);
    out[index] = upper ? Math.max(fast, slow) : Math.min(fast, slow);
  }

  return {
    addSample(sample) {
      const weightS = sample[SampleSlot.DurationMs]! / 1000;
      const value = sample[SampleSlot.BitsPerSecond]!;
      const fastAdj = Math.exp(fastLnAlpha * weightS);
      const slowAdj = Math.exp(slowLnAlpha * weightS);
      const fast = value * (1 - fastAdj) + fastAdj * state[FAST_AVERAGE]!;
      const slow = value * (1 - slowAdj) + slowAdj * state[SLOW_AVERAGE]!;
      if (!Number.isFinite(fast) || !Number.isFinite(slow)) return;
      state[FAST_AVERAGE] = fast;
      state[SLOW_AVERAGE] = slow;
      // Flushed to 0 before the product turns subnormal (slow arithmetic on some CPUs).
      const fastZero = state[FAST_ZERO]! * fastAdj;
      const slowZero = state[SLOW_ZERO]! * slowAdj;
      state[FAST_ZERO] = fastZero < 1e-300 ? 0 : fastZero;
      state[SLOW_ZERO] = slowZero < 1e-300 ? 0 : slowZero;
    },
    estimateInto(out, index) {
      readInto(out, index, false);
    },
    upperEstimateInto(out, index) {
      readInto(out, index, true);
    },
    reset() {
      state.fill(0);
      state[FAST_ZERO] = 1;
      state[SLOW_ZERO] = 1;
    },
  };
}

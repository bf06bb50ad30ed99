import { checkRange } from '../_internal/check-range.js';
import { createEwma } from './ewma.js';
import type { ThroughputStrategy } from './throughput-strategy.js';

/** Options of the dual-EWMA strategy. */
export interface DualEwmaConfig {
  /** Half-life of the fast average, in seconds of sample duration. @default 2 */
  readonly fastHalfLifeS?: number;
  /** Half-life of the slow average, in seconds of sample duration. @default 5 */
  readonly slowHalfLifeS?: number;
}

/**
 * Creates the dual-EWMA strategy: two duration-weighted, bias-corrected EWMAs (fast and slow
 * half-lives) and the conservative minimum of both, as shaka-player and dash.js do. A drop is
 * followed quickly (the fast average falls), a rise slowly (the slow average lags).
 */
export function createDualEwma(config: DualEwmaConfig = {}): ThroughputStrategy {
  const fastHalfLifeS = checkRange('fastHalfLifeS', config.fastHalfLifeS ?? 2, 0, 1e6, true);
  const slowHalfLifeS = checkRange('slowHalfLifeS', config.slowHalfLifeS ?? 5, 0, 1e6, true);
  const fast = createEwma(fastHalfLifeS);
  const slow = createEwma(slowHalfLifeS);
  return {
    addSample(bitsPerSecond, _bytes, durationMs) {
      const weightS = durationMs / 1000;
      fast.sample(weightS, bitsPerSecond);
      slow.sample(weightS, bitsPerSecond);
    },
    estimate: () => Math.min(fast.estimate(), slow.estimate()),
    reset() {
      fast.reset();
      slow.reset();
    },
  };
}

import { checkRange } from '../_internal/check-range.js';

/** An exponentially weighted moving average whose weight is the sample duration. */
export interface Ewma {
  /** Adds `value` with `weightS` (seconds of sample duration). */
  sample(weightS: number, value: number): void;
  /** The zero-start bias-corrected average; `NaN` before any weight was added. */
  estimate(): number;
  /** Total weight (seconds) added since the last reset. */
  totalWeightS(): number;
  /** Forgets every sample. */
  reset(): void;
}

/**
 * Creates a duration-weighted EWMA with a half-life in seconds of sample duration: a sample of
 * `halfLifeS` seconds halves the weight of everything before it. The average starts at 0 and is
 * divided by `1 − α^totalWeight` (zero-start bias correction, as shaka-player does), so the
 * first sample is reported exactly instead of being pulled towards 0.
 */
export function createEwma(halfLifeS: number): Ewma {
  checkRange('halfLifeS', halfLifeS, 0, Number.MAX_VALUE, true);
  const alpha = Math.exp(Math.log(0.5) / halfLifeS);
  let average = 0;
  let totalWeight = 0;
  return {
    sample(weightS, value) {
      const adjAlpha = alpha ** weightS;
      const next = value * (1 - adjAlpha) + adjAlpha * average;
      if (!Number.isFinite(next)) return;
      average = next;
      totalWeight += weightS;
    },
    estimate() {
      if (totalWeight === 0) return Number.NaN;
      return average / (1 - alpha ** totalWeight);
    },
    totalWeightS: () => totalWeight,
    reset() {
      average = 0;
      totalWeight = 0;
    },
  };
}

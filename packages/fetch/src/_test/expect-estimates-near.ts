import { expect } from 'vitest';

/**
 * Asserts that every estimate from the second segment on is within `tolerance` (relative) of the
 * link rate; the message lists all the ratios.
 */
export function expectEstimatesNear(
  estimates: readonly number[],
  bitsPerSecond: number,
  tolerance: number,
): void {
  const ratios = estimates.map((bps) => Number((bps / bitsPerSecond).toFixed(3)));
  for (const ratio of ratios.slice(1)) {
    expect(ratio, JSON.stringify(ratios)).toBeGreaterThanOrEqual(1 - tolerance);
    expect(ratio, JSON.stringify(ratios)).toBeLessThanOrEqual(1 + tolerance);
  }
}

import type { AbandonInput } from '../core/abandon-input.js';

/** Falling back to the lowest rung needs its fresh segment to take at most this share of the time left. */
const LOWEST_GAIN = 0.5;

/** The settings {@link createAbandonRule} reads (from the resolved controller config). */
export interface AbandonRuleSettings {
  /** Fraction of the rate a re-requested rung may use (the controller's `safetyFactor`). */
  readonly safety: number;
  /** The re-requested segment must arrive within this fraction of the buffer (`fetchDeadlineFraction`). */
  readonly deadlineFraction: number;
  /** No abandonment before the request has run this long, ms. */
  readonly minElapsedMs: number;
  /** Nor before it has run this fraction of the buffer ahead (patience grows with the buffer). */
  readonly bufferShare: number;
}

/**
 * The abandonment rule over an ascending ladder: -1 (let the request run) unless, at the lower
 * of the request's mean rate and the estimate, its remaining bytes arrive after the buffer runs
 * dry; then the highest lower rung whose whole segment (sized in proportion to its bitrate)
 * arrives, at `safety` × that rate, within `deadlineFraction` of the buffer — or the lowest rung
 * when none does but it arrives in at most half the time the bytes left need. Allocation-free: numbers in, an integer out.
 */
export function createAbandonRule(
  bitrates: Float64Array,
  settings: AbandonRuleSettings,
): (input: AbandonInput) => number {
  const n = bitrates.length;
  const { safety, deadlineFraction, minElapsedMs, bufferShare } = settings;
  return (input) => {
    const index = input.index;
    if (!(Number.isInteger(index) && index > 0 && index < n)) return -1;
    const totalBytes = input.bytesTotal;
    // biome-ignore lint/complexity/useMathMinMax: a NaN byte count must read as 0, not NaN
    const loadedBytes = input.bytesLoaded > 0 ? input.bytesLoaded : 0;
    const elapsedMs = input.elapsedMs;
    if (!(totalBytes > loadedBytes && Number.isFinite(totalBytes))) return -1;
    if (!(elapsedMs >= minElapsedMs && elapsedMs > 0)) return -1;
    const meanBps = (loadedBytes * 8000) / elapsedMs;
    const estimateBps = input.estimateBps;
    const rateBps = estimateBps >= 0 && estimateBps < meanBps ? estimateBps : meanBps;
    // Nothing measured yet: no basis for a projection (a silent request is the timeout's business).
    if (!(rateBps > 0)) return -1;
    const bufferS = input.bufferS > 0 && Number.isFinite(input.bufferS) ? input.bufferS : 0;
    if (elapsedMs < bufferShare * bufferS * 1000) return -1;
    const remainingS = ((totalBytes - loadedBytes) * 8) / rateBps;
    if (remainingS <= bufferS) return -1;
    const bitsPerBps = (totalBytes * 8) / bitrates[index]!;
    const deadlineS = bufferS * deadlineFraction;
    for (let j = index - 1; j >= 0; j--) {
      if ((bitsPerBps * bitrates[j]!) / (rateBps * safety) <= deadlineS) return j;
    }
    // Nothing fits: the lowest rung, if clearly faster than the bytes left (a marginal gain on a
    // noisy projection is not worth the bytes thrown away).
    return (bitsPerBps * bitrates[0]!) / rateBps <= remainingS * LOWEST_GAIN ? 0 : -1;
  };
}

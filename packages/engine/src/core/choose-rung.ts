import type { LadderRung } from './plan-track.js';

/** Inputs of one rung decision. */
export interface RungInput {
  /** Bandwidth estimate, bits per second. */
  readonly estimateBps: number;
  /** Playable media ahead of the playhead, seconds. */
  readonly bufferAheadS: number;
  /** Rung in use, index into the ladder; -1 for the first choice of a track. */
  readonly lastIndex: number;
  /** Duration of one segment, seconds. */
  readonly segmentDurationS: number;
}

/** Tuning of {@link chooseRung}. */
export interface RungPolicy {
  /** Fraction of the estimate a rung may use. @default 0.8 */
  readonly safetyFactor: number;
}

/**
 * The engine's representation choice: the highest rung whose bitrate fits in `safetyFactor` ×
 * estimate; the first choice of a track takes it directly; later, down-switches at once,
 * up-switches only one rung at a time and only with at least two segments buffered (so a short
 * burst cannot push the buffer into a stall).
 */
export function chooseRung(
  ladder: readonly LadderRung[],
  input: RungInput,
  policy: RungPolicy,
): number {
  const budgetBps = input.estimateBps * policy.safetyFactor;
  let fit = 0;
  for (let i = 0; i < ladder.length; i++) {
    if ((ladder[i] as LadderRung).bitrateBps <= budgetBps) fit = i;
  }
  if (input.lastIndex < 0 || fit <= input.lastIndex) return fit;
  if (input.bufferAheadS < 2 * input.segmentDurationS) return input.lastIndex;
  return input.lastIndex + 1;
}

import type { AbandonInput } from './abandon-input.js';
import type { AbrExplanation, AbrInput } from './abr-config.js';
import type { Ladder } from './ladder.js';

/** Chooses a ladder index before each segment request; see {@link createAbrController}. */
export interface AbrController {
  /** The ladder this controller chooses from. */
  readonly ladder: Ladder;
  /** The ladder index for the next segment. Allocation-free; updates dwell / mode / placeholder. */
  decide(input: AbrInput): number;
  /** What `decide(input)` would answer, and why. Allocates; does not change the controller's state. */
  explain(input: AbrInput): AbrExplanation;
  /**
   * Request abandonment, asked while a segment downloads (on each progress event): -1 to let
   * it run, or the lower ladder index to abort it for and re-request the same segment at. It
   * abandons when, at the lower of the request's mean rate and the estimate, the bytes left
   * would arrive after the buffer runs dry; it re-requests at the highest lower rung whose whole
   * segment (sized in proportion to its bitrate) arrives at `safetyFactor` × that rate within
   * `fetchDeadlineFraction` of the buffer, else at the lowest if that arrives in at most half
   * the time the bytes left need. Never before `abandonMinElapsedMs`; always -1 with `abandonRequests: false`. Pure
   * and allocation-free like `decide`; it changes no state (the next `decide` is told the new
   * rung as `lastIndex`).
   */
  abandon(input: AbandonInput): number;
  /** Forgets the history (mode, placeholder, last switch), e.g. after a seek. */
  reset(): void;
}

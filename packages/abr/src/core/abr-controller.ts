import { LegatoError } from '@legato/errors';
import { bolaIndex, bolaMinBufferS, createBolaTable } from '../_internal/bola-table.js';
import { checkRange } from '../_internal/check-range.js';
import type { AbrConfig, AbrExplanation, AbrInput, AbrReason } from './abr-config.js';
import type { Ladder } from './ladder.js';

/** Chooses a ladder index before each segment request; see {@link createAbrController}. */
export interface AbrController {
  /** The ladder this controller chooses from. */
  readonly ladder: Ladder;
  /** The ladder index for the next segment. Allocation-free; updates dwell / mode / placeholder. */
  decide(input: AbrInput): number;
  /** What `decide(input)` would answer, and why. Allocates; does not change the controller's state. */
  explain(input: AbrInput): AbrExplanation;
  /** Forgets the history (mode, placeholder, last switch), e.g. after a seek. */
  reset(): void;
}

const MODE_THROUGHPUT = 0;
const MODE_BOLA = 1;

/**
 * Creates an ABR controller over an ascending ladder. `dynamic` (the default) uses the
 * throughput rule while the buffer is under `bolaEnterSegments` segments and BOLA-E above it
 * (back under `bolaExitSegments`), then guards the choice: no up-switch before the key is usable,
 * within `minUpSwitchIntervalS` of the last switch, beyond what the estimate sustains with
 * `upSwitchHeadroom`, or to a rung whose segment cannot be fetched within
 * `upSwitchFetchFraction` of the buffer; and any rung whose segment cannot be fetched before the
 * buffer runs out is lowered. State lives in a few numbers: `decide` allocates nothing.
 *
 * @throws LegatoError `ABR_INVALID_CONFIG` for an option out of range or a ladder that is not
 * strictly ascending.
 * @example
 * ```ts
 * const abr = createAbrController(ladderFromBitrates([64e3, 128e3, 320e3, 900e3]));
 * abr.decide({ estimateBps: 2e6, bufferS: 0, bufferTargetS: 60, lastIndex: -1, nowS: 0,
 *   segmentDurationS: 10, clearLeadRemainingS: 30, keyUsable: false }); // 3 (900 kb/s)
 * ```
 */
export function createAbrController(ladder: Ladder, config: AbrConfig = {}): AbrController {
  const algorithm = config.algorithm ?? 'dynamic';
  if (algorithm !== 'throughput' && algorithm !== 'bola' && algorithm !== 'dynamic') {
    throw new LegatoError(
      'ABR_INVALID_CONFIG',
      `abr option algorithm: expected 'throughput', 'bola' or 'dynamic', received ${String(algorithm)}`,
      { details: { option: 'algorithm', received: String(algorithm) } },
    );
  }
  const safety = checkRange('safetyFactor', config.safetyFactor ?? 0.9, 1e-6, 1);
  const startupSafety = checkRange(
    'startupSafetyFactor',
    config.startupSafetyFactor ?? 0.7,
    1e-6,
    1,
  );
  const headroom = checkRange('upSwitchHeadroom', config.upSwitchHeadroom ?? 1.1, 1, 100);
  const dwellS = checkRange('minUpSwitchIntervalS', config.minUpSwitchIntervalS ?? 8, 0, 86_400);
  const upFetchFraction = checkRange(
    'upSwitchFetchFraction',
    config.upSwitchFetchFraction ?? 0.5,
    0,
    1,
  );
  const lowSegments = checkRange(
    'bolaLowBufferSegments',
    config.bolaLowBufferSegments ?? 1,
    0,
    1000,
  );
  const enterSegments = checkRange('bolaEnterSegments', config.bolaEnterSegments ?? 2, 0, 1000);
  const exitSegments = checkRange(
    'bolaExitSegments',
    config.bolaExitSegments ?? 1,
    0,
    enterSegments,
  );

  const n = ladder.rungs.length;
  if (n === 0)
    throw new LegatoError('ABR_EMPTY_LADDER', 'expected at least one rung, received none');
  const bitrates = new Float64Array(n);
  ladder.rungs.forEach((rung, i) => {
    const previous = i === 0 ? 0 : bitrates[i - 1]!;
    if (!(rung.bitsPerSecond > previous) || !Number.isFinite(rung.bitsPerSecond)) {
      throw new LegatoError(
        'ABR_INVALID_CONFIG',
        `ladder.rungs[${i}].bitsPerSecond: expected a finite number above ${previous} (strictly ascending), received ${rung.bitsPerSecond}`,
        { details: { option: 'ladder', index: i, received: String(rung.bitsPerSecond) } },
      );
    }
    bitrates[i] = rung.bitsPerSecond;
  });
  const bola = createBolaTable(bitrates);

  // Committed state.
  let mode = algorithm === 'bola' ? MODE_BOLA : MODE_THROUGHPUT;
  let placeholderS = 0;
  let lastBufferS = 0;
  let lastSwitchAtS = -Infinity;
  // Scratch written by choose(): the next state and the explanation, as plain numbers.
  let nextMode = mode;
  let nextPlaceholderS = 0;
  let reason: AbrReason = 'startup';
  let throughputIndex = 0;
  let bolaChoice = -1;
  let effectiveBufferS = 0;
  let startup = false;
  // Sanitized input, also scratch.
  let estimateBps = 0;
  let bufferS = 0;
  let segmentS = 1;

  /** Highest rung at or under `limitBps` (0 when none). */
  function highestAtMost(limitBps: number): number {
    let i = n - 1;
    while (i > 0 && bitrates[i]! > limitBps) i--;
    return i;
  }

  /** Seconds to fetch one segment of rung `i` at the estimate. */
  function fetchS(i: number): number {
    return (bitrates[i]! * segmentS) / estimateBps;
  }

  function choose(input: AbrInput): number {
    estimateBps = input.estimateBps >= 0 ? input.estimateBps : 0;
    bufferS = Number.isFinite(input.bufferS) && input.bufferS > 0 ? input.bufferS : 0;
    segmentS =
      input.segmentDurationS > 0 && Number.isFinite(input.segmentDurationS)
        ? input.segmentDurationS
        : 1;
    const targetS = input.bufferTargetS >= 0 ? input.bufferTargetS : 0;
    const last = input.lastIndex;
    startup = !(Number.isInteger(last) && last >= 0 && last < n);
    throughputIndex = highestAtMost(estimateBps * safety);
    bolaChoice = -1;
    const lowS = lowSegments * segmentS;
    const highS = Math.max(lowS + segmentS, targetS - segmentS);
    // BOLA-E placeholder: virtual buffer that gives way as the real buffer grows (so the effective
    // buffer is the larger of the two while filling) and never lifts BOLA past its high level.
    const grownS = bufferS - lastBufferS;
    nextPlaceholderS = grownS > 0 ? Math.max(0, placeholderS - grownS) : placeholderS;
    nextPlaceholderS = Math.min(nextPlaceholderS, Math.max(0, highS - bufferS));
    effectiveBufferS = bufferS + nextPlaceholderS;
    nextMode = mode;

    if (n === 1) {
      reason = 'single-rung';
      return 0;
    }
    if (startup) {
      const index = highestAtMost(estimateBps * startupSafety);
      // BOLA-E: start BOLA's virtual buffer where it would choose what the throughput chose.
      nextPlaceholderS = Math.max(0, bolaMinBufferS(bola, index, lowS, highS) + 1e-6 - bufferS);
      effectiveBufferS = bufferS + nextPlaceholderS;
      nextMode = algorithm === 'bola' ? MODE_BOLA : MODE_THROUGHPUT;
      reason = 'startup';
      return index;
    }
    if (algorithm === 'dynamic') {
      const enterS = Math.min(enterSegments * segmentS, highS);
      const exitS = Math.min(exitSegments * segmentS, enterS);
      if (mode === MODE_THROUGHPUT && bufferS >= enterS) {
        nextMode = MODE_BOLA;
        // Hand over seamlessly: seed the placeholder so BOLA starts where the last rung is.
        nextPlaceholderS = Math.max(
          0,
          Math.min(bolaMinBufferS(bola, last, lowS, highS) + 1e-6, highS) - bufferS,
        );
        effectiveBufferS = bufferS + nextPlaceholderS;
      } else if (mode === MODE_BOLA && bufferS < exitS) nextMode = MODE_THROUGHPUT;
    }
    let index: number;
    if (nextMode === MODE_THROUGHPUT) {
      index = throughputIndex;
      reason = 'throughput';
    } else {
      bolaChoice = bolaIndex(bola, effectiveBufferS, lowS, highS);
      if (bolaChoice > last && bolaChoice > throughputIndex) {
        index = Math.max(throughputIndex, last);
        reason = 'bola-capped';
      } else {
        index = bolaChoice;
        reason = 'bola';
      }
    }
    if (index > last) index = guardUpSwitch(input, index, last);
    // Whatever the rule: a segment that cannot arrive before the buffer runs out is too big.
    while (index > 0 && fetchS(index) > bufferS) {
      index--;
      reason = 'fetch-deadline';
    }
    return index;
  }

  function guardUpSwitch(input: AbrInput, wanted: number, last: number): number {
    if (!input.keyUsable) {
      reason = 'key-pending';
      return last;
    }
    if (input.nowS - lastSwitchAtS < dwellS) {
      reason = 'dwell';
      return last;
    }
    let index = wanted;
    const limitBps = (estimateBps * safety) / headroom;
    while (index > last && bitrates[index]! > limitBps) {
      index--;
      reason = 'headroom';
    }
    while (index > last && fetchS(index) > bufferS * upFetchFraction) {
      index--;
      reason = 'fetch-deadline';
    }
    return index;
  }

  return {
    ladder,
    decide(input) {
      const index = choose(input);
      if (!startup && index !== input.lastIndex) lastSwitchAtS = input.nowS;
      mode = nextMode;
      placeholderS = nextPlaceholderS;
      lastBufferS = bufferS;
      return index;
    },
    explain(input) {
      const index = choose(input);
      return {
        index,
        bitsPerSecond: bitrates[index]!,
        reason,
        mode: startup ? 'startup' : nextMode === MODE_BOLA ? 'bola' : 'throughput',
        throughputIndex,
        bolaIndex: bolaChoice,
        effectiveBufferS,
        placeholderS: nextPlaceholderS,
        input: { ...input, estimateBps, bufferS, segmentDurationS: segmentS },
      };
    },
    reset() {
      mode = algorithm === 'bola' ? MODE_BOLA : MODE_THROUGHPUT;
      placeholderS = 0;
      lastBufferS = 0;
      lastSwitchAtS = -Infinity;
    },
  };
}

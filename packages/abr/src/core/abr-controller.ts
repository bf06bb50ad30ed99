import { createAbandonRule } from '../_internal/abandon-rule.js';
import {
  BOLA_REGS,
  BolaReg,
  bolaIndex,
  bolaMinBufferInto,
  bolaThresholdsInto,
  createBolaTable,
} from '../_internal/bola-table.js';
import * as S from '../_internal/controller-slots.js';
import { ladderBitrates } from '../_internal/ladder-bitrates.js';
import { resolveAbrConfig } from '../_internal/resolve-abr-config.js';
import type { AbrConfig, AbrInput, AbrReason } from './abr-config.js';
import type { AbrController } from './abr-controller-api.js';
import type { Ladder } from './ladder.js';

export type { AbrController } from './abr-controller-api.js';

const MODE_THROUGHPUT = 0;
const MODE_BOLA = 1;

/**
 * Creates an ABR controller over an ascending ladder. The throughput rule takes the highest rung
 * under a safety factor × the estimate, the factor growing with the buffer (`safetyFactor` →
 * `fullBufferSafetyFactor`). `dynamic` (the default) uses the throughput rule while the buffer is under `bolaEnterSegments` segments and BOLA-E above it
 * (back under `bolaExitSegments`), handing over with a seeded placeholder so the switch of rule
 * is not a switch of rung. Then it guards the choice: no up-switch before the key is usable or
 * within `minUpSwitchIntervalS` of the last switch; in throughput mode no up-switch beyond what
 * the estimate sustains with `upSwitchHeadroom`; in BOLA mode no up-switch beyond
 * max(last, throughput choice) (BOLA-O) and no down-switch below min(last, throughput choice)
 * (`bolaThroughputFloor`); and any rung whose segment would not arrive within
 * `fetchDeadlineFraction` of the buffer is lowered (`startupDeadlineFraction` until the buffer
 * first reaches `startupBufferS`). The throughput rule works from `estimateBps` moved toward
 * `upperEstimateBps` as the buffer fills, and an outage seen in the session (a fall of the
 * buffer across a download) raises BOLA's thresholds (`outageReserveFactor`). State lives in a
 * few numbers in typed arrays: `decide` allocates nothing. Defaults: `DEFAULT_ABR_CONFIG`.
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
  const {
    algorithm,
    startupRule,
    safety,
    startupSafety,
    headroom,
    dwellS,
    minUpBufferS,
    startupBufferS,
    startupDeadlineFraction,
    fetchDeadlineFraction,
    lowSegments,
    highSegments,
    lowMinS,
    highMinS,
    enterSegments,
    exitSegments,
    abandon,
    abandonMinElapsedMs,
    abandonBufferShare,
    throughputFloor,
    fullSafety,
    rampFromS,
    outageReserveFactor,
  } = resolveAbrConfig(config);
  const bitrates = ladderBitrates(ladder);
  const n = bitrates.length;
  const bola = createBolaTable(bitrates);
  const thresholds = { lowSegments, highSegments, lowMinS, highMinS };
  const abandonRule = abandon
    ? createAbandonRule(bitrates, {
        safety,
        deadlineFraction: fetchDeadlineFraction,
        minElapsedMs: abandonMinElapsedMs,
        bufferShare: abandonBufferShare,
      })
    : () => -1;

  // Committed state.
  let mode = algorithm === 'bola' ? MODE_BOLA : MODE_THROUGHPUT;
  // Every fractional number lives in one Float64Array: V8 boxes doubles kept in closure
  // variables (a heap allocation per store), never doubles stored in a typed array.
  const f = new Float64Array(S.SLOTS);
  f[S.LAST_SWITCH_AT_S] = -Infinity;
  f[S.LOW_SAFETY] = safety;
  f[S.FULL_SAFETY] = fullSafety;
  f[S.RAMP_FROM_S] = rampFromS;
  f[S.MIN_UP_BUFFER_S] = minUpBufferS;
  f[S.STARTUP_BUFFER_S] = startupBufferS;
  f[S.STARTUP_SAFETY] = startupSafety;
  f[S.FETCH_DEADLINE_FRACTION] = fetchDeadlineFraction;
  f[S.STARTUP_DEADLINE_FRACTION] = startupDeadlineFraction;
  f[S.OUTAGE_RESERVE_FACTOR] = outageReserveFactor;
  const regs = new Float64Array(BOLA_REGS);
  // Scratch written by choose(): the next state and the explanation, as plain numbers.
  let nextMode = mode;
  let reason: AbrReason = 'startup';
  let throughputIndex = 0;
  let bolaChoice = -1;
  let startup = false;
  // The startup fill: over once the buffer has reached `startupBufferS` (at once when it is 0);
  // `filling` is this decision's view of it.
  let filled = startupBufferS === 0;
  let filling = false;

  // Helpers take and return integers and booleans only: a double crossing a call that V8 does
  // not inline is boxed (allocated); doubles stay in `f` and `regs`.

  /** Highest rung at or under `f[factorSlot]` × the throughput rule's estimate (0 when none). */
  function highestAffordable(factorSlot: number): number {
    const limitBps = f[S.THROUGHPUT_BPS]! * f[factorSlot]!;
    let i = n - 1;
    while (i > 0 && bitrates[i]! > limitBps) i--;
    return i;
  }

  /**
   * Highest rung at or under `index` whose segment arrives, at the estimate, within `f[fractionSlot]`
   * of the buffer (bitrate × segment / estimate ≤ buffer × fraction, solved for the bitrate
   * once); 0 when none does.
   */
  function deadlineCapped(index: number, fractionSlot: number): number {
    const maxBps = (f[S.BUFFER_S]! * f[fractionSlot]! * f[S.ESTIMATE_BPS]!) / f[S.SEGMENT_S]!;
    let i = index;
    while (i > 0 && bitrates[i]! > maxBps) i--;
    return i;
  }

  /** BOLA's buffer level for rung `index`, plus a hair so BOLA picks it there, into regs[Result]. */
  function seedPlaceholder(index: number): void {
    bolaMinBufferInto(bola, index, regs);
    const levelS = Math.min(regs[BolaReg.Result]! + 1e-6, regs[BolaReg.HighS]!);
    f[S.NEXT_PLACEHOLDER_S] = Math.max(0, levelS - f[S.BUFFER_S]!);
    f[S.EFFECTIVE_BUFFER_S] = f[S.BUFFER_S]! + f[S.NEXT_PLACEHOLDER_S]!;
  }

  function choose(input: AbrInput): number {
    f[S.ESTIMATE_BPS] = Number.isNaN(input.estimateBps) ? 0 : Math.max(input.estimateBps, 0);
    f[S.BUFFER_S] = Number.isFinite(input.bufferS) && input.bufferS > 0 ? input.bufferS : 0;
    f[S.SEGMENT_S] =
      input.segmentDurationS > 0 && Number.isFinite(input.segmentDurationS)
        ? input.segmentDurationS
        : 1;
    const targetS = Number.isNaN(input.bufferTargetS) ? 0 : Math.max(input.bufferTargetS, 0);
    const last = input.lastIndex;
    startup = !(Number.isInteger(last) && last >= 0 && last < n);
    // Outage memory: since the last decision the buffer fell by `fallS` although a segment
    // arrived — the download (and any wait for room) took a segment's duration plus that. The
    // clock bounds it, so a seek that empties the buffer is not an outage. Falls of a segment
    // or more from under the target's reach count; the longest is kept for the session, and
    // BOLA's low level is held at `outageReserveFactor` × it plus two segments.
    const fallS = Math.min(
      f[S.LAST_BUFFER_S]! - f[S.BUFFER_S]!,
      input.nowS - f[S.LAST_NOW_S]! - f[S.SEGMENT_S]!,
    );
    f[S.NEXT_OUTAGE_S] =
      !startup &&
      fallS >= f[S.SEGMENT_S]! &&
      fallS > f[S.OUTAGE_S]! &&
      f[S.LAST_BUFFER_S]! < targetS - 2 * f[S.SEGMENT_S]!
        ? fallS
        : f[S.OUTAGE_S]!;
    regs[BolaReg.ReserveS] =
      f[S.NEXT_OUTAGE_S]! > 0
        ? f[S.OUTAGE_RESERVE_FACTOR]! * f[S.NEXT_OUTAGE_S]! + 2 * f[S.SEGMENT_S]!
        : 0;
    // The safety factor grows with the buffer: `safetyFactor` up to `safetyRampFromS` buffered,
    // `fullBufferSafetyFactor` at the target, linear between.
    const rampS = targetS - f[S.RAMP_FROM_S]!;
    const fill =
      rampS > 0 ? (f[S.BUFFER_S]! - f[S.RAMP_FROM_S]!) / rampS : f[S.BUFFER_S]! >= targetS ? 1 : 0;
    const progress = Math.min(1, Math.max(0, fill));
    f[S.SAFETY] = f[S.LOW_SAFETY]! + (f[S.FULL_SAFETY]! - f[S.LOW_SAFETY]!) * progress;
    f[S.UP_SWITCH_FACTOR] = f[S.SAFETY]! / headroom;
    // The throughput rule's estimate: from the conservative one toward the upper reading as the
    // buffer fills (the ramp's progress, squared — most of the way only near the target).
    const upper = input.upperEstimateBps;
    const weight = progress * progress;
    f[S.THROUGHPUT_BPS] =
      upper !== undefined && Number.isFinite(upper) && upper > f[S.ESTIMATE_BPS]!
        ? f[S.ESTIMATE_BPS]! + (upper - f[S.ESTIMATE_BPS]!) * weight
        : f[S.ESTIMATE_BPS]!;
    throughputIndex = highestAffordable(S.SAFETY);
    bolaChoice = -1;
    regs[BolaReg.TargetS] = targetS;
    regs[BolaReg.SegmentS] = f[S.SEGMENT_S]!;
    bolaThresholdsInto(thresholds, regs);
    const highS = regs[BolaReg.HighS]!;
    filling =
      !filled && f[S.BUFFER_S]! < Math.min(f[S.STARTUP_BUFFER_S]!, targetS - f[S.SEGMENT_S]!);
    // BOLA-E placeholder: virtual buffer that gives way as the real buffer grows (so the effective
    // buffer is the larger of the two while filling) and never lifts BOLA past its high level.
    const grownS = f[S.BUFFER_S]! - f[S.LAST_BUFFER_S]!;
    f[S.NEXT_PLACEHOLDER_S] =
      grownS > 0 ? Math.max(0, f[S.PLACEHOLDER_S]! - grownS) : f[S.PLACEHOLDER_S]!;
    f[S.NEXT_PLACEHOLDER_S] = Math.min(
      f[S.NEXT_PLACEHOLDER_S]!,
      Math.max(0, highS - f[S.BUFFER_S]!),
    );
    f[S.EFFECTIVE_BUFFER_S] = f[S.BUFFER_S]! + f[S.NEXT_PLACEHOLDER_S]!;
    nextMode = mode;

    if (n === 1) {
      reason = 'single-rung';
      return 0;
    }
    if (startup) {
      const index = startupRule === 'lowest' ? 0 : highestAffordable(S.STARTUP_SAFETY);
      // BOLA-E: start BOLA's virtual buffer where it would choose what the throughput chose.
      seedPlaceholder(index);
      nextMode = algorithm === 'bola' ? MODE_BOLA : MODE_THROUGHPUT;
      reason = 'startup';
      return index;
    }
    if (algorithm === 'dynamic') {
      const enterS = Math.min(enterSegments * f[S.SEGMENT_S]!, highS);
      const exitS = Math.min(exitSegments * f[S.SEGMENT_S]!, enterS);
      // Not before the startup fill is over: the first decision after it is the throughput
      // rule's, so BOLA is not handed a rung the fill's tight deadline kept low.
      if (mode === MODE_THROUGHPUT && f[S.BUFFER_S]! >= enterS && filled) {
        nextMode = MODE_BOLA;
        // Hand over seamlessly: seed the placeholder so BOLA starts where the last rung is.
        seedPlaceholder(last);
      } else if (mode === MODE_BOLA && f[S.BUFFER_S]! < exitS) nextMode = MODE_THROUGHPUT;
    }
    let index: number;
    if (nextMode === MODE_THROUGHPUT) {
      index = throughputIndex;
      reason = 'throughput';
    } else {
      regs[BolaReg.BufferS] = f[S.EFFECTIVE_BUFFER_S]!;
      bolaChoice = bolaIndex(bola, regs);
      // BOLA moves within the band between the last rung and the throughput choice: never up
      // beyond both (BOLA-O) and, with the floor, never down below both.
      const floor = throughputFloor ? Math.min(throughputIndex, last) : 0;
      if (bolaChoice > last && bolaChoice > throughputIndex) {
        index = Math.max(throughputIndex, last);
        reason = 'bola-capped';
      } else if (bolaChoice < floor) {
        index = floor;
        reason = 'bola-floored';
      } else {
        index = bolaChoice;
        reason = 'bola';
      }
    }
    if (index > last) index = guardUpSwitch(input, index, last);
    // Whatever the rule: a segment must arrive well before the buffer runs out — and, during the
    // startup fill, in a small fraction of it, so the buffer grows by most of each segment.
    const capped = deadlineCapped(
      index,
      filling ? S.STARTUP_DEADLINE_FRACTION : S.FETCH_DEADLINE_FRACTION,
    );
    if (capped < index) reason = 'fetch-deadline';
    return capped;
  }

  function guardUpSwitch(input: AbrInput, wanted: number, last: number): number {
    if (!input.keyUsable) {
      reason = 'key-pending';
      return last;
    }
    if (input.nowS - f[S.LAST_SWITCH_AT_S]! < dwellS) {
      reason = 'dwell';
      return last;
    }
    // ExoPlayer's minDurationForQualityIncrease, capped at the highest level a decision sees.
    if (
      f[S.BUFFER_S]! < Math.min(f[S.MIN_UP_BUFFER_S]!, regs[BolaReg.TargetS]! - f[S.SEGMENT_S]!)
    ) {
      reason = 'buffer-low';
      return last;
    }
    let index = wanted;
    const upLimit = highestAffordable(S.UP_SWITCH_FACTOR);
    // In BOLA mode the buffer decides, and BOLA-O already holds it at the throughput choice.
    if (index > upLimit && nextMode === MODE_THROUGHPUT) {
      index = Math.max(upLimit, last);
      reason = 'headroom';
    }
    return index;
  }

  return {
    ladder,
    decide(input) {
      const index = choose(input);
      if (!startup && index !== input.lastIndex) f[S.LAST_SWITCH_AT_S] = input.nowS;
      mode = nextMode;
      f[S.PLACEHOLDER_S] = f[S.NEXT_PLACEHOLDER_S]!;
      f[S.OUTAGE_S] = f[S.NEXT_OUTAGE_S]!;
      f[S.LAST_BUFFER_S] = f[S.BUFFER_S]!;
      f[S.LAST_NOW_S] = input.nowS;
      if (!filling) filled = true;
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
        safetyFactor: f[S.SAFETY]!,
        bolaIndex: bolaChoice,
        effectiveBufferS: f[S.EFFECTIVE_BUFFER_S]!,
        placeholderS: f[S.NEXT_PLACEHOLDER_S]!,
        throughputEstimateBps: f[S.THROUGHPUT_BPS]!,
        input: {
          ...input,
          estimateBps: f[S.ESTIMATE_BPS]!,
          bufferS: f[S.BUFFER_S]!,
          segmentDurationS: f[S.SEGMENT_S]!,
        },
      };
    },
    abandon: abandonRule,
    reset() {
      mode = algorithm === 'bola' ? MODE_BOLA : MODE_THROUGHPUT;
      f[S.PLACEHOLDER_S] = 0;
      f[S.LAST_BUFFER_S] = 0;
      f[S.OUTAGE_S] = 0;
      f[S.LAST_NOW_S] = 0;
      f[S.LAST_SWITCH_AT_S] = -Infinity;
      filled = startupBufferS === 0;
    },
  };
}

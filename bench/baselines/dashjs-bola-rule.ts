import { highestAffordable } from './highest-affordable.js';

/** BolaRule.js: BOLA never waits under this buffer level, s (`MINIMUM_BUFFER_S`). */
const MINIMUM_BUFFER_S = 10;
/** BolaRule.js: extra buffer per ladder level before the top rung pays, s. */
const MINIMUM_BUFFER_PER_BITRATE_LEVEL_S = 2;
/** BolaRule.js: the placeholder shrinks by this factor per new segment (`PLACEHOLDER_BUFFER_DECAY`). */
const PLACEHOLDER_BUFFER_DECAY = 0.99;
/** dash.js v5 `streaming.buffer.bufferTimeDefault` (`Settings.js`), s. */
export const DASHJS_BUFFER_TIME_DEFAULT_S = 18;

/** What one call of the rule answers: a rung (or none yet) and a wait before the request. */
export interface BolaAnswer {
  readonly index: number | null;
  readonly delayS: number;
}

/**
 * dash.js v5's BolaRule (`src/streaming/rules/abr/BolaRule.js`), state for state:
 * - utilities ln(bitrate) shifted so the lowest is 1; `bufferTime = max(bufferTimeDefault 18 s,
 *   10 + 2 × rungs)`, `gp = (u_top − 1)/(bufferTime/10 − 1)`, `Vp = 10/gp`; the rung maximising
 *   `(Vp·(u + gp) − buffer)/bitrate`;
 * - STARTUP, until one segment is buffered: the rung from the safe throughput, the placeholder
 *   re-seeded each call so BOLA agrees with it (`_handleBolaStateStartup`);
 * - STEADY: the placeholder grows with the idle time since the last segment finished (or the
 *   last call), decays ×0.99 per segment, is capped to the last rung's top level, dropped when
 *   the buffer empties and deflated on abandonment; BOLA-O caps up-switches at the safe
 *   throughput (never below the current rung); above the chosen rung's level BOLA spends the
 *   placeholder first, then waits (not at the top rung).
 */
export function createDashJsBolaRule(bitrates: readonly number[]) {
  const n = bitrates.length;
  const u = bitrates.map((b) => Math.log(b) - Math.log(bitrates[0]!) + 1);
  const bufferTime = Math.max(
    DASHJS_BUFFER_TIME_DEFAULT_S,
    MINIMUM_BUFFER_S + MINIMUM_BUFFER_PER_BITRATE_LEVEL_S * n,
  );
  const gp = (u[n - 1]! - 1) / (bufferTime / MINIMUM_BUFFER_S - 1);
  const vp = MINIMUM_BUFFER_S / gp;
  let steady = false;
  let placeholderS = 0;
  let current = 0;
  let lastSegmentDurationS = Number.NaN;
  let lastSegmentFinishMs = Number.NaN;
  let lastCallMs = Number.NaN;

  const maxBufferFor = (q: number) => vp * (u[q]! + gp);
  const minBufferFor = (q: number) => {
    let min = 0;
    for (let i = q - 1; i >= 0; i--) {
      const level =
        vp * (gp + (bitrates[q]! * u[i]! - bitrates[i]! * u[q]!) / (bitrates[q]! - bitrates[i]!));
      min = Math.max(min, level);
    }
    return min;
  };
  const fromBuffer = (level: number) => {
    let best = 0;
    let bestScore = Number.NaN;
    for (let i = 0; i < n; i++) {
      const s = (vp * (u[i]! + gp) - level) / bitrates[i]!;
      if (Number.isNaN(bestScore) || s >= bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return best;
  };

  return {
    /** `(Vp, gp)` and the buffer time, for tests. */
    params: { vp, gp, bufferTime },
    get placeholderS() {
      return placeholderS;
    },
    /** The rule's call before a request (`getSwitchRequest`). */
    answer(bufferS: number, safeThroughputBps: number, nowMs: number): BolaAnswer {
      if (n === 1) return { index: null, delayS: 0 };
      if (!steady) {
        if (Number.isNaN(safeThroughputBps)) return { index: null, delayS: 0 };
        const q = highestAffordable(bitrates, safeThroughputBps);
        placeholderS = Math.max(0, minBufferFor(q) - bufferS);
        current = q;
        if (!Number.isNaN(lastSegmentDurationS) && bufferS >= lastSegmentDurationS) steady = true;
        return { index: q, delayS: 0 };
      }
      // _updatePlaceholderBuffer: idle time since the last segment (or call) is not BOLA's doing.
      if (!Number.isNaN(lastSegmentFinishMs))
        placeholderS += Math.max(0, nowMs - lastSegmentFinishMs) / 1000;
      else if (!Number.isNaN(lastCallMs)) placeholderS += Math.max(0, nowMs - lastCallMs) / 1000;
      lastCallMs = nowMs;
      lastSegmentFinishMs = Number.NaN;
      let q = fromBuffer(bufferS + placeholderS);
      const forThroughput = highestAffordable(bitrates, safeThroughputBps);
      if (q > current && q > forThroughput) q = Math.max(forThroughput, current);
      let delayS = Math.max(0, bufferS + placeholderS - maxBufferFor(q));
      if (delayS <= placeholderS) {
        placeholderS -= delayS;
        delayS = 0;
      } else {
        delayS -= placeholderS;
        placeholderS = 0;
        if (q === n - 1) delayS = 0; // at the top the schedule controller decides
      }
      current = q;
      return { index: q, delayS };
    },
    /** QUALITY_CHANGE_REQUESTED: the player's rung changed (whichever rule chose it). */
    onQualityChange(q: number) {
      current = q;
    },
    /**
     * A segment finished (`_onMetricAdded` + `_onMediaFragmentLoaded` → `_checkNewSegment`);
     * `bufferAtRequestS` is dash.js's estimate of the buffer when it was requested.
     */
    onSegment(q: number, durationS: number, finishMs: number, bufferAtRequestS: number) {
      current = q;
      lastSegmentDurationS = durationS;
      lastSegmentFinishMs = finishMs;
      placeholderS *= PLACEHOLDER_BUFFER_DECAY;
      placeholderS = Math.min(placeholderS, Math.max(0, maxBufferFor(q) - bufferAtRequestS));
    },
    /** BUFFER_EMPTY: in steady state the placeholder must not raise the quality. */
    onBufferEmpty() {
      if (steady) placeholderS = 0;
    },
    /** FRAGMENT_LOADING_ABANDONED, after the switch to `q`: deflate the placeholder. */
    onAbandoned(q: number, bufferS: number) {
      current = q;
      const want = q > 0 ? minBufferFor(q) : MINIMUM_BUFFER_S;
      placeholderS = Math.min(placeholderS, Math.max(0, want - bufferS));
    },
  };
}

/** A dash.js BOLA rule instance. */
export type DashJsBolaRule = ReturnType<typeof createDashJsBolaRule>;

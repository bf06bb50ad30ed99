import type { SimAbrInput, SimDownloadProgress, SimPolicy } from '@legato/sim';
import { createDashJsAbandonRule } from './dashjs-abandon-rule.js';
import { createDashJsBolaRule, DASHJS_BUFFER_TIME_DEFAULT_S } from './dashjs-bola-rule.js';
import { createInsufficientBufferRule, createSwitchHistoryRule } from './dashjs-rules.js';
import {
  createDashJsThroughputModel,
  DASHJS_INITIAL_AUDIO_BPS,
  DASHJS_SAFETY_FACTOR,
} from './dashjs-throughput-model.js';
import { highestAffordable } from './highest-affordable.js';

/** dash.js v5 `streaming.buffer.bufferTimeAtTopQuality` (`Settings.js`), s. */
const BUFFER_TIME_AT_TOP_QUALITY_S = 30;
/** dash.js v5 `streaming.abandonLoadTimeout` (`Settings.js`): after an abandonment, only down-switches, s. */
const ABANDON_LOAD_TIMEOUT_S = 10;

/** Which of dash.js's rule families run (`streaming.abr.rules.{throughputRule,bolaRule}.active`). */
export type DashJsStrategy = 'throughput' | 'bola' | 'dynamic';

/**
 * dash.js v5's audio ABR as it runs by default, assembled from its parts:
 * - the ThroughputModel meter (`createDashJsThroughputModel`), first segment at the 100 kb/s
 *   initial bitrate (`AbrController.js` `getInitialBitrateFor`);
 * - ThroughputRule (highest rung under 0.9 × the average), BolaRule, InsufficientBufferRule and
 *   SwitchHistoryRule, combined by ABRRulesCollection as the lowest rung any of them asks for;
 *   with both ThroughputRule and BolaRule active (the default) DYNAMIC runs BOLA from 18 s
 *   buffered until it falls under 9 s (`AbrController.js` `_updateDynamicAbrStrategy`);
 * - AbandonRequestsRule on progress events; after an abandonment the switch history is reset
 *   and for 10 s only down-switches are taken (`_onSegmentDownloadShouldBeAbandoned`);
 * - the ScheduleController's buffer target: no request while ≥ 18 s are buffered, 30 s at the
 *   top rung (`bufferTimeDefault`, `bufferTimeAtTopQuality`), plus BOLA's own wait.
 */
export function createDashJsPolicy(
  bitrates: readonly number[],
  strategy: DashJsStrategy = 'dynamic',
): SimPolicy {
  const top = bitrates.length - 1;
  const meter = createDashJsThroughputModel();
  const bola = createDashJsBolaRule(bitrates);
  const insufficient = createInsufficientBufferRule(bitrates);
  const history = createSwitchHistoryRule(bitrates);
  const abandonRule = createDashJsAbandonRule(bitrates, DASHJS_BUFFER_TIME_DEFAULT_S);
  let useBola = strategy === 'bola';
  let allowUpUntilS = Number.NEGATIVE_INFINITY;
  let cached: { nowS: number; index: number } | null = null;
  let requested: { index: number; bufferS: number; durationS: number } | null = null;

  /** One pass of `checkPlaybackQuality`: every active rule, then the lowest answer. */
  const evaluate = (input: SimAbrInput): { index: number; delayS: number } => {
    const current = input.lastIndex;
    if (current < 0) {
      const average = meter.average();
      const initial = Number.isNaN(average) ? DASHJS_INITIAL_AUDIO_BPS : average;
      return { index: highestAffordable(bitrates, initial), delayS: 0 };
    }
    if (strategy === 'dynamic') {
      useBola =
        input.bufferS >=
        (useBola ? DASHJS_BUFFER_TIME_DEFAULT_S / 2 : DASHJS_BUFFER_TIME_DEFAULT_S);
    }
    const average = meter.average();
    const safe = average * DASHJS_SAFETY_FACTOR;
    const answers: number[] = [];
    let delayS = 0;
    if (!useBola && !Number.isNaN(average)) answers.push(highestAffordable(bitrates, safe));
    if (useBola) {
      const b = bola.answer(input.bufferS, safe, input.nowS * 1000);
      if (b.index !== null) answers.push(b.index);
      delayS = b.delayS;
    }
    const cap = insufficient.answer(input.bufferS, average, input.segmentDurationS);
    if (cap !== null) answers.push(cap);
    const calm = history.answer();
    if (calm !== null) answers.push(calm);
    if (answers.length === 0) return { index: current, delayS };
    const wanted = Math.min(...answers);
    history.push(current, wanted);
    const index = wanted < current || input.nowS >= allowUpUntilS ? wanted : current;
    if (index !== current) bola.onQualityChange(index);
    return { index, delayS };
  };

  return {
    name: `dashjs-${strategy}`,
    meter: {
      addSample(bytes, durationMs, nowMs, firstByteMs) {
        meter.addSample(bytes, durationMs, nowMs, firstByteMs);
        if (!requested) return;
        const downloadS = durationMs / 1000;
        // BUFFER_EMPTY: the buffer ran dry while this segment downloaded.
        if (requested.bufferS > 0 && downloadS >= requested.bufferS) bola.onBufferEmpty();
        bola.onSegment(requested.index, requested.durationS, nowMs, requested.bufferS);
        insufficient.onAppended();
      },
      estimate: () => meter.estimate(),
    },
    abr: {
      delayS(input) {
        cached = null;
        if (input.lastIndex >= 0) {
          const target =
            input.lastIndex === top ? BUFFER_TIME_AT_TOP_QUALITY_S : DASHJS_BUFFER_TIME_DEFAULT_S;
          if (input.bufferS > target + 1e-9) return input.bufferS - target;
        }
        const { index, delayS } = evaluate(input);
        if (delayS > 0) return delayS;
        cached = { nowS: input.nowS, index };
        return 0;
      },
      decide(input) {
        const index = cached?.nowS === input.nowS ? cached.index : evaluate(input).index;
        cached = null;
        requested = { index, bufferS: input.bufferS, durationS: input.segmentDurationS };
        return index;
      },
      abandon(p: SimDownloadProgress) {
        const to = abandonRule(p);
        if (to >= 0) {
          allowUpUntilS = p.nowS + ABANDON_LOAD_TIMEOUT_S;
          history.reset();
          bola.onAbandoned(to, p.bufferS);
          if (requested) requested = { ...requested, index: to };
        }
        return to;
      },
    },
  };
}

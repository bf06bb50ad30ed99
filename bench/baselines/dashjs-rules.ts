import { highestAffordable } from './highest-affordable.js';

/**
 * dash.js v5's InsufficientBufferRule (`src/streaming/rules/abr/InsufficientBufferRule.js`;
 * `throughputSafetyFactor: 0.7`, `segmentIgnoreCount: 2` in `Settings.js`): silent for the first
 * two appended segments; then the lowest rung when the buffer is empty, else the highest rung
 * under `0.7 × average throughput × buffer / segment duration` (a whole segment must arrive
 * before the buffer runs out).
 */
export function createInsufficientBufferRule(bitrates: readonly number[]) {
  let ignoreCount = 2;
  return {
    /** BYTES_APPENDED_END_FRAGMENT. */
    onAppended() {
      if (ignoreCount > 0) ignoreCount--;
    },
    answer(bufferS: number, averageBps: number, segmentDurationS: number): number | null {
      if (ignoreCount > 0) return null;
      if (bufferS <= 0) return 0;
      const bitrate = (0.7 * averageBps * bufferS) / segmentDurationS;
      if (Number.isNaN(bitrate) || bitrate <= 0) return null;
      return highestAffordable(bitrates, bitrate);
    },
  };
}

/**
 * dash.js v5's SwitchHistoryRule over SwitchRequestHistory (`SwitchHistoryRule.js`,
 * `SwitchRequestHistory.js`; `sampleSize: 8`, `switchPercentageThreshold: 0.075`): every decision
 * records, for the rung it left from, a drop (new rung lower) or a no-drop, over the last 8
 * decisions; walking up the ladder with running totals, once ≥ 8 samples show
 * drops / no-drops > 7.5 %, it asks for the rung below the one that dropped.
 */
export function createSwitchHistoryRule(bitrates: readonly number[]) {
  const sampleSize = 8;
  const threshold = 0.075;
  const drops = bitrates.map(() => 0);
  const noDrops = bitrates.map(() => 0);
  const history: { from: number; drop: number }[] = [];
  return {
    push(from: number, to: number) {
      const drop = to < from ? 1 : 0;
      drops[from]! += drop;
      noDrops[from]! += 1 - drop;
      history.push({ from, drop });
      if (history.length > sampleSize) {
        const old = history.shift()!;
        drops[old.from]! -= old.drop;
        noDrops[old.from]! -= 1 - old.drop;
      }
    },
    reset() {
      history.length = 0;
      drops.fill(0);
      noDrops.fill(0);
    },
    answer(): number | null {
      let d = 0;
      let nd = 0;
      for (let i = 0; i < bitrates.length; i++) {
        if (drops[i] === 0 && noDrops[i] === 0) continue;
        d += drops[i]!;
        nd += noDrops[i]!;
        if (d + nd >= sampleSize && d / nd > threshold) return i > 0 && drops[i]! > 0 ? i - 1 : i;
      }
      return null;
    },
  };
}

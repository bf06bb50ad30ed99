// The QoE bench's bars over one run of a set (bench/qoe.bench.ts judges them on the test set;
// bench/qoe-tune.ts prints the same on the tuning set, so tuning aims at what is judged).

import { median, type QoeRun, type QoeSummary } from './qoe-run.js';
import type { BenchBar } from './report.js';

const r2 = (x: number) => Math.round(x * 100) / 100;

/** ≥ 1 exactly when `ours` ≥ `theirs` (relative to |theirs|, at least 1). */
export const relativeQoe = (ours: number, theirs: number) =>
  1 + (ours - theirs) / Math.max(1, Math.abs(theirs));

/** The baseline with the highest mean QoE in a row of summaries. */
export function bestBaseline(
  row: ReadonlyMap<string, QoeSummary>,
  baselineNames: readonly string[],
): string {
  return baselineNames.reduce((a, b) => (row.get(b)!.qoe > row.get(a)!.qoe ? b : a));
}

/**
 * Per class: `policy`'s QoE ≥ the best baseline's and its rebuffering ≤ that baseline's; per
 * ladder: mean QoE ≥ 1.05 × the best baseline's mean and time to first audio ≤ 1.2 × floor
 * (median), ≤ 1.5 × (worst). No margins: the simulator is deterministic.
 */
export function qoeBars(run: QoeRun, policy: string, baselineNames: readonly string[]): BenchBar[] {
  const bars: BenchBar[] = [];
  for (const [ladder, classes] of run.byClass) {
    for (const [cls, row] of classes) {
      const best = bestBaseline(row, baselineNames);
      const ours = row.get(policy)!;
      const theirs = row.get(best)!;
      bars.push(
        {
          name: `${ladder}/${cls}: ${policy} QoE vs best baseline (${best})`,
          value: relativeQoe(ours.qoe, theirs.qoe),
          op: '>=',
          target: 1,
          noiseMargin: 0,
        },
        {
          name: `${ladder}/${cls}: ${policy} rebuffer s ≤ best baseline's (${best}, ${r2(theirs.rebufferS)} s)`,
          value: ours.rebufferS,
          op: '<=',
          target: theirs.rebufferS,
          noiseMargin: 0,
        },
      );
    }
    const results = run.all.get(ladder)!;
    const meanQoe = (n: string) =>
      results.get(n)!.reduce((a, r) => a + r.qoe, 0) / results.get(n)!.length;
    const bestMean = baselineNames.reduce((a, b) => (meanQoe(b) > meanQoe(a) ? b : a));
    const ratios = results.get(policy)!.map((r) => r.timeToFirstAudioS / r.floorS);
    bars.push(
      {
        name: `${ladder}: ${policy} mean QoE vs best baseline's mean (${bestMean}) ≥ 1.05×`,
        value: relativeQoe(meanQoe(policy), meanQoe(bestMean)),
        op: '>=',
        target: 1.05,
        noiseMargin: 0,
      },
      {
        name: `${ladder}: ${policy} time to first audio / floor, median over traces`,
        value: median(ratios),
        op: '<=',
        target: 1.2,
        noiseMargin: 0,
      },
      {
        name: `${ladder}: ${policy} time to first audio / floor, worst trace`,
        value: Math.max(...ratios),
        op: '<=',
        target: 1.5,
        noiseMargin: 0,
      },
    );
  }
  return bars;
}

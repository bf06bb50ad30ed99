// Tuning runs of the QoE bench: the same policies and session as bench/qoe.bench.ts, on the
// TUNING set only (synthetic seeds 0–49, first half of Norway 3G; bench/_lib/qoe-sets.ts).
// Tune legato's defaults here; the bars are judged on the disjoint test set by `pnpm bench qoe`.
//
//   pnpm bench:tune [--abr '{"safetyFactor":0.85}'] [--bandwidth '{…}'] [--seeds 50] [--ladder amazon] [--bars]
//
// --abr / --bandwidth add a `legato-dynamic (tuned)` row with those @legato/abr / @legato/bandwidth
// options over the engine defaults, beside the defaults and every baseline. --bars prints only the
// bench's bars (bench/_lib/qoe-bars.ts) on the tuning set for the tuned row (else the defaults).
import { parseArgs } from 'node:util';
import type { AbrConfig } from '@legato/abr';
import type { BandwidthEstimatorConfig } from '@legato/bandwidth';
import { createLegatoSimPolicy } from '@legato/sim';
import { qoeBars } from './_lib/qoe-bars.js';
import { mean, type PolicyFactory, runSet, summarise, summaryTable } from './_lib/qoe-run.js';
import { qoeSet } from './_lib/qoe-sets.js';
import { baselines } from './baselines/index.js';
import { legatoPolicies } from './baselines/legato.js';

const { values } = parseArgs({
  options: {
    abr: { type: 'string' },
    bandwidth: { type: 'string' },
    seeds: { type: 'string', default: '50' },
    ladder: { type: 'string' },
    bars: { type: 'boolean', default: false },
  },
});
const set = qoeSet('tuning', Number(values.seeds));
const policies: Record<string, PolicyFactory> = { ...legatoPolicies, ...baselines };
if (values.abr !== undefined || values.bandwidth !== undefined) {
  const abr = JSON.parse(values.abr ?? '{}') as AbrConfig;
  const bandwidth = JSON.parse(values.bandwidth ?? '{}') as BandwidthEstimatorConfig;
  policies['legato-dynamic (tuned)'] = (b) => ({
    ...createLegatoSimPolicy(b, { abr, bandwidth: { defaultEstimateBps: 500_000, ...bandwidth } }),
    name: 'legato-dynamic (tuned)',
  });
}
const ladders = set.ladders.filter((l) => values.ladder === undefined || l.name === values.ladder);
const { byClass, all } = runSet({ ...set, ladders }, policies);
console.log(`TUNING set — ${set.description}`);
if (values.bars) {
  const tuned = policies['legato-dynamic (tuned)'] ? 'legato-dynamic (tuned)' : 'legato-dynamic';
  for (const bar of qoeBars({ byClass, all }, tuned, Object.keys(baselines))) {
    const met = bar.op === '>=' ? bar.value >= bar.target : bar.value <= bar.target;
    console.log(
      `${met ? 'ok  ' : 'MISS'} ${bar.name} = ${bar.value.toPrecision(5)} (${bar.op} ${bar.target.toPrecision(5)})`,
    );
  }
  process.exit(0);
}
for (const [ladder, classes] of byClass) {
  for (const [cls, row] of classes)
    console.log(['', ...summaryTable(`${ladder} / ${cls}`, row)].join('\n'));
  const whole = new Map([...all.get(ladder)!].map(([n, rs]) => [n, summarise(rs)]));
  console.log(['', ...summaryTable(`${ladder} / all tuning traces`, whole)].join('\n'));
  const q = (n: string) =>
    mean(
      all
        .get(ladder)!
        .get(n)!
        .map((r) => r.qoe),
    );
  console.log(
    `  mean QoE: ${Object.keys(policies)
      .map((n) => `${n} ${q(n).toFixed(1)}`)
      .join(' · ')}`,
  );
}

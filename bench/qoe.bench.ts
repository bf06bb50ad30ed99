// QoE of legato's ABR against the faithful peer baselines (bench/baselines), all through the same
// @legato/sim simulator at the engine's defaults, on the held-out TEST set only (bench/_lib/qoe-sets.ts):
// synthetic seeds 1000–1049, the second half of Norway 3G, all Belgium 4G; the Amazon-style ladder
// and the two Sabre reference ladders. Tune on the tuning set: `pnpm bench:tune`.
import { type AbrConfig, AbrStartupRule } from '@legato/abr';
import { createLegatoSimPolicy } from '@legato/sim';
import { bestBaseline, qoeBars, relativeQoe } from './_lib/qoe-bars.js';
import { mean, median, type PolicyFactory, runOne, runSet, summaryTable } from './_lib/qoe-run.js';
import { dropTrace, musicLadder, qoeSet } from './_lib/qoe-sets.js';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';
import { baselines } from './baselines/index.js';
import { legatoPolicies } from './baselines/legato.js';

const quick = benchProfile === 'quick';
const set = qoeSet('test', quick ? 20 : 50);
const DEFAULT = 'legato-dynamic';
const policies: Record<string, PolicyFactory> = { ...legatoPolicies, ...baselines };
const baselineNames = Object.keys(baselines);

const started = performance.now();
const { byClass, all } = runSet(set, policies);
const rows: Record<string, string | number>[] = [];
const text: string[] = [];
const r2 = (x: number) => Math.round(x * 100) / 100;

const bars: BenchBar[] = qoeBars({ byClass, all }, DEFAULT, baselineNames);
for (const [ladder, classes] of byClass) {
  for (const [cls, row] of classes) {
    for (const [name, s] of row) {
      rows.push({
        ladder,
        class: cls,
        policy: name,
        runs: s.runs,
        qoe: r2(s.qoe),
        qoeLin: r2(s.qoeLin),
        rebufferS: r2(s.rebufferS),
        ttfaS: r2(s.timeToFirstAudioS),
        ttfaFloorMedian: r2(median(s.ttfaRatios)),
        switches: r2(s.switches),
        avgKbps: Math.round(s.avgKbps),
        abandons: r2(s.abandons),
      });
    }
    const best = bestBaseline(row, baselineNames);
    text.push('', ...summaryTable(`${ladder} / ${cls} (best baseline: ${best})`, row));
  }
}

// The 8 → 0.9 Mb/s step of issue 13, music ladder, engine defaults.
const music = musicLadder();
const drop = dropTrace();
const dropRows = Object.entries(policies).map(([name, make]) => {
  const r = runOne(music, drop, make);
  return { name, rebufferS: r.rebufferS, qoe: r.qoe, abandons: r.abandons };
});
bars.push({
  name: `drop.json (8 → 0.9 Mb/s, music ladder, engine defaults): ${DEFAULT} rebuffer s`,
  value: dropRows.find((d) => d.name === DEFAULT)!.rebufferS,
  op: '<=',
  target: 0,
  noiseMargin: 0,
});
text.push(
  '',
  'drop.json, music ladder, engine defaults',
  ...dropRows.map(
    (d) =>
      `  ${d.name.padEnd(22)} rebuffer ${d.rebufferS.toFixed(2).padStart(6)} s  QoE ${d.qoe.toFixed(1).padStart(7)}  abandons ${d.abandons}`,
  ),
);

// Trade-offs: legato's defaults against one option changed at a time (the bars that pull against
// each other). First audio against QoE: `startupRule: 'throughput'` starts from the default
// estimate. Early stalls against quality: ExoPlayer's up-switch guard, and no startup fill.
// Norway 3G rebuffering against quality: the outage memory off, and twice as strong.
// `perClass`: also in the per-class table (the start rule only moves first audio).
const variants: readonly { label: string; abr: AbrConfig; perClass: boolean }[] = [
  { label: 'start throughput', abr: { startupRule: AbrStartupRule.Throughput }, perClass: false },
  { label: 'up-switch ≥ 10 s buffered', abr: { minBufferForUpSwitchS: 10 }, perClass: true },
  { label: 'no startup fill', abr: { startupBufferS: 0 }, perClass: true },
  { label: 'outage memory off', abr: { outageReserveFactor: 0 }, perClass: true },
  { label: 'outage memory ×2', abr: { outageReserveFactor: 2 }, perClass: true },
];
const perClassVariants = variants.filter((v) => v.perClass);
const variantName = (label: string) => `${DEFAULT} (${label})`;
const tradeOff: Record<string, PolicyFactory> = { [DEFAULT]: policies[DEFAULT]! };
for (const { label, abr } of variants) {
  tradeOff[variantName(label)] = (b) => ({
    ...createLegatoSimPolicy(b, { abr }),
    name: variantName(label),
  });
}
const tradeRun = runSet({ ...set, classes: set.classes }, tradeOff);
text.push('', 'trade-off: one option changed at a time (whole test set per ladder)');
text.push(
  '  ladder        policy                                          mean QoE  rebuf s  TTFA/floor median  worst',
);
for (const [ladder, byPolicy] of tradeRun.all) {
  for (const [name, results] of byPolicy) {
    const ratios = results.map((r) => r.timeToFirstAudioS / r.floorS);
    const q = results.reduce((a, r) => a + r.qoe, 0) / results.length;
    const rb = results.reduce((a, r) => a + r.rebufferS, 0) / results.length;
    text.push(
      `  ${ladder.padEnd(13)} ${name.padEnd(47)} ${q.toFixed(1).padStart(8)} ${rb.toFixed(2).padStart(8)} ${median(ratios).toFixed(2).padStart(18)} ${Math.max(
        ...ratios,
      )
        .toFixed(2)
        .padStart(6)}`,
    );
    rows.push({
      ladder,
      class: 'trade-off (all test traces)',
      policy: name,
      runs: results.length,
      qoe: r2(q),
      rebufferS: r2(rb),
      ttfaFloorMedian: r2(median(ratios)),
      ttfaFloorWorst: r2(Math.max(...ratios)),
    });
  }
}
// The same per class, with the mean bar: QoE vs the best baseline, rebuffer s.
const perClass = [DEFAULT, ...perClassVariants.map((v) => variantName(v.label))];
text.push(
  '',
  `trade-off per class: QoE vs best baseline and rebuffer s, for ${perClass.map((n, i) => `(${i + 1}) ${n}`).join(', ')}`,
);
for (const [ladder, classes] of tradeRun.byClass) {
  for (const [cls, row] of classes) {
    const base = byClass.get(ladder)!.get(cls)!;
    const best = base.get(bestBaseline(base, baselineNames))!;
    const cells = perClass.map(
      (n) =>
        `${relativeQoe(row.get(n)!.qoe, best.qoe).toFixed(3)} ${row.get(n)!.rebufferS.toFixed(3).padStart(8)}`,
    );
    text.push(
      `  ${`${ladder}/${cls}`.padEnd(24)} ${cells.join('   ')}   (best ${best.rebufferS.toFixed(3)} s)`,
    );
    for (const { label } of perClassVariants) {
      const policy = variantName(label);
      rows.push({
        ladder,
        class: `trade-off ${label}: ${cls}`,
        policy,
        runs: row.get(policy)!.runs,
        qoe: r2(row.get(policy)!.qoe),
        rebufferS: r2(row.get(policy)!.rebufferS),
      });
    }
  }
  // The mean bar's reference: the baseline with the best mean QoE over the whole test set.
  const meanQoe = (results: readonly { qoe: number }[]) => mean(results.map((r) => r.qoe));
  const bestMean = Math.max(...baselineNames.map((n) => meanQoe(all.get(ladder)!.get(n)!)));
  const means = perClass.map((n) =>
    relativeQoe(meanQoe(tradeRun.all.get(ladder)!.get(n)!), bestMean).toFixed(4),
  );
  text.push(`  ${`${ladder} mean (bar ≥ 1.05)`.padEnd(24)} ${means.join('            ')}`);
}
console.log(text.join('\n'));
console.log(
  `\nqoe bench: ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

writeBenchResult({
  name: 'qoe',
  rows,
  bars,
  notes: [
    `Bars are judged on the held-out TEST set only, with no margin (deterministic simulator): ${set.description}. legato's defaults are tuned on the disjoint tuning set (\`pnpm bench:tune\`).`,
    'Session: the engine defaults (start at 2 s buffered, resume at 2 s, request while ≤ 40 s buffered), manifest and adjacent init (1000 B) fetched before the first audio.',
    'qoe = Σ Mb/s − μ·(rebuffer s + time to first audio s) − Σ|ΔMb/s| (Pensieve/MPC; μ = top rung Mb/s); qoeLin leaves time to first audio out. Floor = manifest + init + first segment of the lowest rung on the same trace.',
    `"best baseline" is the baseline with the highest mean QoE on that class; baselines: ${baselineNames.join(', ')} (bench/baselines/README.md). QoE bars compare 1 + (ours − theirs) / max(1, |theirs|) with 1 (every class) and 1.05 (mean).`,
    'Trade-off rows ("trade-off (all test traces)") change one option of the defaults at a time: `startupRule: throughput` (first audio against QoE), `minBufferForUpSwitchS: 10` (ExoPlayer\'s up-switch guard), `startupBufferS: 0` (no startup fill), `outageReserveFactor: 0` and `2` (the outage memory off and twice as strong). Rows "trade-off <option>: <class>" give them per class; the text report prints the mean bar for each (see docs/guides/tune-abr.md §4).',
  ],
});

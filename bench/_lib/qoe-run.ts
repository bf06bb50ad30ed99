// Runs policies over a QoE set (bench/_lib/qoe-sets.ts) through @legato/sim and summarises.
import { type SimPolicy, type SimResult, simulate, type Trace } from '@legato/sim';
import type { QoeLadder, QoeSet } from './qoe-sets.js';

/** A policy factory: the ladder's ascending bitrates → a fresh policy. */
export type PolicyFactory = (bitrates: readonly number[]) => SimPolicy;

/** Means over a class's runs (and the time-to-first-audio ratios). */
export interface QoeSummary {
  readonly runs: number;
  /** Startup-inclusive QoE (`SimResult.qoe`). */
  readonly qoe: number;
  readonly qoeLin: number;
  readonly rebufferS: number;
  readonly rebufferCount: number;
  readonly timeToFirstAudioS: number;
  /** Time to first audio / its floor, one per run. */
  readonly ttfaRatios: readonly number[];
  readonly switches: number;
  readonly avgKbps: number;
  readonly abandons: number;
  /** Share of media played per quality class, %. */
  readonly sharePct: Readonly<Record<string, number>>;
}

export const mean = (xs: readonly number[]) =>
  xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);

/** One policy over one trace, the bench's session settings: the engine's defaults. */
export function runOne(ladder: QoeLadder, trace: Trace, make: PolicyFactory): SimResult {
  const bitrates = ladder.track.rungs.map((r) => r.bitsPerSecond);
  return simulate({
    track: ladder.track,
    trace,
    policy: make(bitrates),
    manifestBytes: ladder.manifestBytes,
  });
}

export function summarise(results: readonly SimResult[]): QoeSummary {
  const classes = [...new Set(results.flatMap((r) => Object.keys(r.timeByClassS)))].sort();
  return {
    runs: results.length,
    qoe: mean(results.map((r) => r.qoe)),
    qoeLin: mean(results.map((r) => r.qoeLin)),
    rebufferS: mean(results.map((r) => r.rebufferS)),
    rebufferCount: mean(results.map((r) => r.rebufferCount)),
    timeToFirstAudioS: mean(results.map((r) => r.timeToFirstAudioS)),
    ttfaRatios: results.map((r) => r.timeToFirstAudioS / r.floorS),
    switches: mean(results.map((r) => r.switches)),
    avgKbps: mean(results.map((r) => r.averageBitrateBps / 1000)),
    abandons: mean(results.map((r) => r.abandons)),
    sharePct: Object.fromEntries(
      classes.map((c) => [
        c,
        mean(results.map((r) => (100 * (r.timeByClassS[c] ?? 0)) / r.playedS)),
      ]),
    ),
  };
}

/** Summaries by ladder, then class, then policy; plus every run's result by ladder and policy. */
export interface QoeRun {
  readonly byClass: Map<string, Map<string, Map<string, QoeSummary>>>;
  readonly all: Map<string, Map<string, SimResult[]>>;
}

/** Runs every policy over every ladder × trace of a set. */
export function runSet(set: QoeSet, policies: Readonly<Record<string, PolicyFactory>>): QoeRun {
  const byClass: QoeRun['byClass'] = new Map();
  const all: QoeRun['all'] = new Map();
  for (const ladder of set.ladders) {
    const ladderClasses = new Map<string, Map<string, QoeSummary>>();
    const ladderAll = new Map<string, SimResult[]>();
    for (const cls of set.classes) {
      const row = new Map<string, QoeSummary>();
      for (const [name, make] of Object.entries(policies)) {
        const results = cls.traces.map((t) => runOne(ladder, t, make));
        row.set(name, summarise(results));
        ladderAll.set(name, [...(ladderAll.get(name) ?? []), ...results]);
      }
      ladderClasses.set(cls.name, row);
    }
    byClass.set(ladder.name, ladderClasses);
    all.set(ladder.name, ladderAll);
  }
  return { byClass, all };
}

/** The median (the mean of the two middle values of an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A text table of summaries, one line per policy. */
export function summaryTable(title: string, rows: ReadonlyMap<string, QoeSummary>): string[] {
  const f = (x: number, w: number, d: number) => x.toFixed(d).padStart(w);
  return [
    title,
    '  policy                    QoE    QoE_lin  rebuf s  startup s  TTFA/floor med  max  switches  kb/s  abandons',
    ...[...rows].map(
      ([n, s]) =>
        `  ${n.padEnd(22)} ${f(s.qoe, 8, 1)} ${f(s.qoeLin, 9, 1)} ${f(s.rebufferS, 8, 2)} ${f(s.timeToFirstAudioS, 10, 2)} ${f(median(s.ttfaRatios), 15, 2)} ${f(Math.max(...s.ttfaRatios), 5, 2)} ${f(s.switches, 9, 1)} ${f(s.avgKbps, 5, 0)} ${f(s.abandons, 9, 2)}`,
    ),
  ];
}

// QoE of legato's ABR algorithms against the reference baselines (bench/baselines), all driven
// through the same @legato/sim simulator: synthetic trace classes (seeded) and every real trace
// under ../shared/data/traces/, an Amazon-style audio ladder, 10 s segments, a 4 min track.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createSeededRng,
  createSimTrack,
  parseTrace,
  type SimPolicy,
  type SimResult,
  type SimRung,
  type SimTrack,
  simulate,
  syntheticTrace,
  syntheticTraceClasses,
  type Trace,
} from '@legato/sim';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';
import { baselines } from './baselines/index.js';
import { legatoPolicies } from './baselines/legato.js';

/**
 * Amazon-style ladder. Opus rates are Amazon Music's SD rates; FLAC rates are typical averages
 * of stereo music (FLAC keeps ~55–65 % of PCM): 16/44.1 (PCM 1411 kb/s) ≈ 900 kb/s,
 * 24/48 (2304) ≈ 1.6 Mb/s, 24/96 (4608) ≈ 3 Mb/s, 24/192 (9216) ≈ 5.5 Mb/s.
 */
const ladder: readonly SimRung[] = [
  { id: 'opus-64', bitsPerSecond: 64_000, qualityClass: 'SD' },
  { id: 'opus-128', bitsPerSecond: 128_000, qualityClass: 'SD' },
  { id: 'opus-320', bitsPerSecond: 320_000, qualityClass: 'SD' },
  { id: 'flac-16-44', bitsPerSecond: 900_000, qualityClass: 'HD' },
  { id: 'flac-24-48', bitsPerSecond: 1_600_000, qualityClass: 'UHD' },
  { id: 'flac-24-96', bitsPerSecond: 3_000_000, qualityClass: 'UHD' },
  { id: 'flac-24-192', bitsPerSecond: 5_500_000, qualityClass: 'UHD' },
];
const TRACK_S = 240;
const SEGMENT_S = 10;

/** VBR segment sizes (seeded, ±~12 % around the nominal rate, as FLAC/Opus segments vary). */
function amazonTrack(): SimTrack {
  const rng = createSeededRng(2024);
  const count = TRACK_S / SEGMENT_S;
  const complexity = Array.from({ length: count }, () => 0.85 + 0.3 * rng());
  return createSimTrack({
    segmentDurationsS: Array.from({ length: count }, () => SEGMENT_S),
    rungs: ladder.map((r) => ({
      ...r,
      segmentBytes: complexity.map((c) => Math.round((r.bitsPerSecond * SEGMENT_S * c) / 8)),
    })),
  });
}

const quick = benchProfile === 'quick';
const seeds = quick ? 20 : 50;
const track = amazonTrack();
const bitrates = track.rungs.map((r) => r.bitsPerSecond);

const tracesRoot = fileURLToPath(new URL('../../shared/data/traces/', import.meta.url));
const classes: { name: string; traces: Trace[] }[] = syntheticTraceClasses.map((cls) => ({
  name: cls,
  traces: Array.from({ length: seeds }, (_, seed) => syntheticTrace(cls, { seed })),
}));
for (const dir of readdirSync(tracesRoot, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  const files = readdirSync(`${tracesRoot}${dir.name}`)
    .filter((f) => f.endsWith('.json'))
    .sort();
  classes.push({
    name: dir.name,
    traces: files.map((f) =>
      parseTrace(readFileSync(`${tracesRoot}${dir.name}/${f}`, 'utf8'), {
        name: `${dir.name}/${f}`,
      }),
    ),
  });
}

const algorithms: Record<string, (bitrates: readonly number[]) => SimPolicy> = {
  ...legatoPolicies,
  ...baselines,
};
const legatoNames = Object.keys(legatoPolicies);
const baselineNames = Object.keys(baselines);
const DEFAULT = 'legato-dynamic';

interface Summary {
  qoe: number;
  rebufferS: number;
  rebufferCount: number;
  startupS: number;
  switches: number;
  avgKbps: number;
  /** Share of media played per quality class, %. */
  sharePct: Record<string, number>;
}
const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
function summarise(results: readonly SimResult[]): Summary {
  return {
    qoe: mean(results.map((r) => r.qoeLin)),
    rebufferS: mean(results.map((r) => r.rebufferS)),
    rebufferCount: mean(results.map((r) => r.rebufferCount)),
    startupS: mean(results.map((r) => r.startupDelayS)),
    switches: mean(results.map((r) => r.switches)),
    avgKbps: mean(results.map((r) => r.averageBitrateBps / 1000)),
    sharePct: Object.fromEntries(
      ['SD', 'HD', 'UHD'].map((c) => [
        c,
        mean(results.map((r) => (100 * (r.timeByClassS[c] ?? 0)) / r.playedS)),
      ]),
    ),
  };
}

const started = performance.now();
const rows: Record<string, string | number>[] = [];
const bars: BenchBar[] = [];
const table: string[] = [];
for (const cls of classes) {
  const byAlgo: Record<string, Summary> = {};
  for (const [name, make] of Object.entries(algorithms)) {
    const results = cls.traces.map((trace) =>
      simulate({ track, trace, policy: make(bitrates), startupS: 2, resumeS: 2, bufferCapS: 60 }),
    );
    const s = summarise(results);
    byAlgo[name] = s;
    rows.push({
      class: cls.name,
      algorithm: name,
      runs: results.length,
      qoe: round(s.qoe, 2),
      rebufferS: round(s.rebufferS, 2),
      rebuffers: round(s.rebufferCount, 2),
      startupS: round(s.startupS, 2),
      switches: round(s.switches, 2),
      avgKbps: round(s.avgKbps, 0),
      sdPct: round(s.sharePct['SD']!, 1),
      hdPct: round(s.sharePct['HD']!, 1),
      uhdPct: round(s.sharePct['UHD']!, 1),
    });
  }
  const best = baselineNames.reduce((a, b) => (byAlgo[b]!.qoe > byAlgo[a]!.qoe ? b : a));
  const ours = byAlgo[DEFAULT];
  const theirs = byAlgo[best]!;
  if (ours) {
    bars.push({
      name: `${cls.name}: ${DEFAULT} QoE relative to best baseline (${best})`,
      value: 1 + (ours.qoe - theirs.qoe) / Math.max(1, Math.abs(theirs.qoe)),
      op: '>=',
      target: 1,
      noiseMargin: 0.01,
    });
    bars.push({
      name: `${cls.name}: ${DEFAULT} rebuffer s vs best baseline (${best}), floor 0.05 s`,
      value: ours.rebufferS,
      op: '<=',
      target: Math.max(theirs.rebufferS, 0.05),
      noiseMargin: 0.1,
    });
  }
  table.push(
    `\n${cls.name} (${cls.traces.length} traces; best baseline: ${best})`,
    '  algorithm            QoE     rebuf s  rebufs  startup s  switches  avg kb/s   SD %   HD %  UHD %',
    ...Object.entries(byAlgo).map(
      ([n, s]) =>
        `  ${n.padEnd(18)} ${fmt(s.qoe, 8, 1)} ${fmt(s.rebufferS, 9, 2)} ${fmt(s.rebufferCount, 7, 2)} ${fmt(s.startupS, 10, 2)} ${fmt(s.switches, 9, 2)} ${fmt(s.avgKbps, 9, 0)} ${fmt(s.sharePct['SD']!, 6, 1)} ${fmt(s.sharePct['HD']!, 6, 1)} ${fmt(s.sharePct['UHD']!, 6, 1)}`,
    ),
  );
}
console.log(table.join('\n'));
console.log(
  `\nqoe bench: ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

writeBenchResult({
  name: 'qoe',
  rows,
  bars,
  notes: [
    `Track: ${TRACK_S} s, ${SEGMENT_S} s segments, VBR sizes ±~15 %; ladder ${ladder.map((r) => `${r.id} ${r.bitsPerSecond / 1000} kb/s`).join(', ')}.`,
    `Simulator: startup at 2 s buffered, resume at 2 s, buffer cap 60 s; QoE_lin = Σ Mb/s − μ·rebuffer s − Σ|ΔMb/s|, μ = ${bitrates[bitrates.length - 1]! / 1e6}.`,
    `Synthetic classes: ${seeds} seeds each; real traces: every file under shared/data/traces/.`,
    `Legato algorithms: ${legatoNames.join(', ')}; baselines: ${baselineNames.join(', ')} (see bench/baselines/README.md).`,
  ],
});

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
function fmt(x: number, width: number, digits: number): string {
  return x.toFixed(digits).padStart(width);
}

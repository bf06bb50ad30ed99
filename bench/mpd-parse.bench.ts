// MPD parsing: legato's parseMpd against a raw @xmldom/xmldom parseFromString (the DOM build
// parseMpd itself runs on) and against mpd-parser (video.js), same process, same inputs,
// interleaved rounds: (a) the Amazon Music sample, (b) a ≥ 1 MB live SegmentTimeline MPD,
// (c) a 6 × 1,800-segment SegmentList MPD.
// Bars per input: parseMpd ≤ 1.25 × raw xmldom; mpd-parser ≥ 1.5 × slower than parseMpd.
import { readFileSync } from 'node:fs';
import { parseMpd } from '@legato/mpd';
import { DOMParser } from '@xmldom/xmldom';
import { parse as mpdParserParse } from 'mpd-parser';
import { amazonMpd, liveTimelineMpd } from '../packages/mpd/src/_test/mpd-generators.js';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';

const quick = benchProfile === 'quick';

const NOW_MS = Date.parse('2026-01-01T06:00:00Z');
const inputs = [
  {
    name: 'amazon-sample',
    xml: readFileSync(
      new URL('../packages/mpd/fixtures/amazon-sample.mpd', import.meta.url),
      'utf8',
    ),
    rounds: quick ? 20 : 40,
    perRound: 100, // ~40 ms of CPU per round: enough work per sample for a 9 KB document
  },
  {
    name: 'live-timeline-1MB',
    xml: liveTimelineMpd(1_050_000),
    rounds: quick ? 6 : 15,
    perRound: 1,
  },
  {
    name: 'segment-list-6x1800',
    xml: amazonMpd({ durationS: 18_000, extraHdRepresentations: 2 }),
    rounds: quick ? 6 : 15,
    perRound: 2,
  },
] as const;

const parsers = {
  'raw xmldom': (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement,
  'legato parseMpd': (xml: string) => {
    // Touch one segment of every representation so the lazy index is really usable.
    const m = parseMpd(xml, { baseUrl: 'https://cdn.example/x.mpd', nowMs: NOW_MS });
    let n = 0;
    for (const p of m.periods)
      for (const a of p.adaptationSets)
        for (const r of a.representations)
          n += r.segmentIndex.count > 0 ? r.segmentIndex.get(0).number : 0;
    return n;
  },
  'mpd-parser': (xml: string) =>
    mpdParserParse(xml, { manifestUri: 'https://cdn.example/x.mpd', NOW: NOW_MS }).playlists.length,
} as const;
type ParserName = keyof typeof parsers;
const names = Object.keys(parsers) as ParserName[];

/**
 * Per-parse time of one round: CPU time of this process (user + system) and wall time. The bars
 * use CPU time: on the shared 2-core machine (load average 10–20 while others test) wall time
 * mostly measures how long the process waited for a core — a 9 KB parse's best wall round
 * came out 0.42 ms or 0.70 ms on the same code — while CPU time only counts the work.
 */
function msPerParse(name: ParserName, xml: string, n: number): { cpu: number; wall: number } {
  const f = parsers[name];
  // No forced GC (it shrinks the young generation and skews small documents); a few untimed
  // parses first so each parser is timed in its own allocation steady state.
  for (let i = 0; i < Math.min(n, 3); i++) f(xml);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f(xml);
  const wall = (performance.now() - t0) / n;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000 / n, wall };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The bars use each parser's fastest round (CPU time): on a shared machine other processes only
 * ever add time (cache and frequency effects), so the minimum over interleaved rounds is the
 * least noisy estimate of the work itself.
 */
const best = (xs: number[]): number => Math.min(...xs);

// Sanity: every parser accepts every input, and parseMpd sees the expected shape.
for (const input of inputs) for (const name of names) parsers[name](input.xml);
const live = parseMpd(inputs[1].xml, { nowMs: NOW_MS });
const listCounts = parseMpd(inputs[2].xml).periods[0]!.adaptationSets.flatMap((a) =>
  a.representations.map((r) => r.segmentIndex.count),
);
if (listCounts.length !== 6 || listCounts.some((c) => c !== 1800)) {
  throw new Error(`segment-list input: expected 6 × 1800 segments, got ${listCounts.join(',')}`);
}

const rows: Record<string, string | number>[] = [];
const bars: BenchBar[] = [];
for (const input of inputs) {
  const samples: Record<ParserName, number[]> = {
    'raw xmldom': [],
    'legato parseMpd': [],
    'mpd-parser': [],
  };
  const wallSamples: Record<ParserName, number[]> = {
    'raw xmldom': [],
    'legato parseMpd': [],
    'mpd-parser': [],
  };
  // Warm-up of every parser (JIT, allocation steady state) before any timed round.
  for (let i = 0; i < 3; i++) for (const name of names) msPerParse(name, input.xml, input.perRound);
  for (let round = 0; round < input.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const t = msPerParse(name, input.xml, input.perRound);
      samples[name].push(t.cpu);
      wallSamples[name].push(t.wall);
    }
  }
  const raw = best(samples['raw xmldom']);
  const legato = best(samples['legato parseMpd']);
  const mpdParser = best(samples['mpd-parser']);
  for (const name of names) {
    rows.push({
      input: input.name,
      bytes: Buffer.byteLength(input.xml),
      parser: name,
      bestCpuMsPerParse: Number(best(samples[name]).toFixed(3)),
      medianCpuMsPerParse: Number(median(samples[name]).toFixed(3)),
      bestWallMsPerParse: Number(best(wallSamples[name]).toFixed(3)),
      vsRawXmldom: Number((best(samples[name]) / raw).toFixed(3)),
    });
  }
  bars.push(
    { name: `${input.name}: parseMpd / raw xmldom`, value: legato / raw, op: '<=', target: 1.25 },
    {
      name: `${input.name}: mpd-parser / parseMpd`,
      value: mpdParser / legato,
      op: '>=',
      target: 1.5,
    },
  );
}

writeBenchResult({
  name: 'mpd-parse',
  rows,
  bars,
  notes: [
    `${inputs.map((i) => `${i.name}: ${i.rounds} rounds × ${i.perRound}`).join(', ')} interleaved parses (order alternates, every parser warmed up first); bars use each parser's fastest round in CPU time (bestCpuMsPerParse: user + system of this process, so waiting for a core on a loaded machine does not count), medians and the fastest wall-clock round shown for reference; live input has ${live.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex.count} segments per representation`,
    'raw xmldom = new DOMParser().parseFromString (default options); parseMpd includes its depth pre-scan, the DOM build (its default reader turns off line/column tracking and drops whitespace-only text between tags before parsing) and the model with lazy segment indexes',
  ],
});

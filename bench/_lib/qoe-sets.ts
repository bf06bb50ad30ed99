// The held-out split of the QoE bench (issue 13): a tuning set to tune on and a test set that
// judges the bars. Never tune on the test set.
import { readdirSync, readFileSync } from 'node:fs';
import {
  createSeededRng,
  createSimTrack,
  parseSabreManifest,
  parseTrace,
  type SimRung,
  type SimTrack,
  syntheticTrace,
  syntheticTraceClasses,
  type Trace,
} from '@legato/sim';
import { sharedDataDir } from '@legato/test-data';

/** A ladder with its manifest and init sizes (what time to first audio pays for). */
export interface QoeLadder {
  readonly name: string;
  readonly track: SimTrack;
  /** Manifest size, bytes. */
  readonly manifestBytes: number;
}

/** A class of traces (a synthetic class over seeds, or a real corpus). */
export interface QoeTraceClass {
  readonly name: string;
  readonly traces: readonly Trace[];
}

/** Which half of the split. */
export type QoeSetName = 'tuning' | 'test';

/** One half of the split: its ladders and trace classes. */
export interface QoeSet {
  readonly name: QoeSetName;
  readonly ladders: readonly QoeLadder[];
  readonly classes: readonly QoeTraceClass[];
  /** How the traces were chosen, for the report. */
  readonly description: string;
}

const data = sharedDataDir(import.meta.url);
const ref = `${data}sabre-reference/`;

/**
 * Amazon-style ladder. Opus rates are Amazon Music's SD rates; FLAC rates are typical averages
 * of stereo music (FLAC keeps ~55–65 % of PCM): 16/44.1 (PCM 1411 kb/s) ≈ 900 kb/s,
 * 24/48 (2304) ≈ 1.6 Mb/s, 24/96 (4608) ≈ 3 Mb/s, 24/192 (9216) ≈ 5.5 Mb/s.
 */
export const amazonRungs: readonly SimRung[] = [
  { id: 'opus-64', bitsPerSecond: 64_000, qualityClass: 'SD' },
  { id: 'opus-128', bitsPerSecond: 128_000, qualityClass: 'SD' },
  { id: 'opus-320', bitsPerSecond: 320_000, qualityClass: 'SD' },
  { id: 'flac-16-44', bitsPerSecond: 900_000, qualityClass: 'HD' },
  { id: 'flac-24-48', bitsPerSecond: 1_600_000, qualityClass: 'UHD' },
  { id: 'flac-24-96', bitsPerSecond: 3_000_000, qualityClass: 'UHD' },
  { id: 'flac-24-192', bitsPerSecond: 5_500_000, qualityClass: 'UHD' },
];

/** Init segment size of every rung: the reference MPDs' `Initialization range="0-999"`, bytes. */
const INIT_BYTES = 1000;

/** 240 s, 10 s segments, VBR sizes (seeded, ±~15 % around the nominal rate). */
function amazonTrack(): SimTrack {
  const rng = createSeededRng(2024);
  const count = 24;
  const complexity = Array.from({ length: count }, () => 0.85 + 0.3 * rng());
  return createSimTrack({
    segmentDurationsS: Array.from({ length: count }, () => 10),
    rungs: amazonRungs.map((r) => ({
      ...r,
      segmentBytes: complexity.map((c) => Math.round((r.bitsPerSecond * 10 * c) / 8)),
      initBytes: INIT_BYTES,
      initAdjacent: true,
    })),
  });
}

/** A Sabre reference ladder (JSON sizes) with the init and manifest of its MPD twin. */
function sabreLadder(name: 'movie' | 'music'): QoeLadder {
  const bare = parseSabreManifest(readFileSync(`${ref}${name}.json`, 'utf8'), { name });
  const mpd = readFileSync(`${ref}${name}.mpd`, 'utf8');
  const init = /<Initialization range="0-(\d+)"\/>/.exec(mpd);
  const initBytes = init ? Number(init[1]) + 1 : 0;
  const track = createSimTrack({
    segmentDurationsS: bare.segmentDurationsS,
    rungs: bare.rungs.map((r, i) => ({
      ...r,
      segmentBytes: bare.segmentBytes[i]!,
      initBytes,
      initAdjacent: true,
    })),
  });
  return { name: `sabre-${name}`, track, manifestBytes: Buffer.byteLength(mpd) };
}

/** The three ladders of both sets. */
export function qoeLadders(): QoeLadder[] {
  return [
    // The music reference MPD describes the same 7-rung × ~20-segment shape: its size stands in.
    {
      name: 'amazon',
      track: amazonTrack(),
      manifestBytes: Buffer.byteLength(readFileSync(`${ref}music.mpd`)),
    },
    sabreLadder('music'),
    sabreLadder('movie'),
  ];
}

function corpus(dir: string): { name: string; trace: Trace }[] {
  return readdirSync(`${data}traces/${dir}`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f,
      trace: parseTrace(readFileSync(`${data}traces/${dir}/${f}`, 'utf8'), { name: `${dir}/${f}` }),
    }));
}

/** The step trace of issue 13: 60 s at 8 Mb/s, then 900 kb/s (`sabre-reference/drop.json`). */
export function dropTrace(): Trace {
  return parseTrace(readFileSync(`${ref}drop.json`, 'utf8'), { name: 'drop.json' });
}

/** The music reference ladder, for the drop bar. */
export function musicLadder(): QoeLadder {
  return sabreLadder('music');
}

/**
 * Tuning set: synthetic seeds 0–49 and the first half of the Norway 3G files by name.
 * Test set: seeds 1000–1049, the other half of Norway 3G, all of Belgium 4G. Both over the
 * Amazon-style ladder and the two Sabre reference ladders. `seedsPerClass` trims the synthetic
 * seeds (the quick profile).
 */
export function qoeSet(name: QoeSetName, seedsPerClass = 50): QoeSet {
  const first = name === 'tuning' ? 0 : 1000;
  const norway = corpus('sabre-3g-norway');
  const half = Math.ceil(norway.length / 2);
  const classes: QoeTraceClass[] = syntheticTraceClasses.map((cls) => ({
    name: cls,
    traces: Array.from({ length: seedsPerClass }, (_, i) =>
      syntheticTrace(cls, { seed: first + i }),
    ),
  }));
  classes.push({
    name: 'norway-3g',
    traces: (name === 'tuning' ? norway.slice(0, half) : norway.slice(half)).map((t) => t.trace),
  });
  if (name === 'test') {
    classes.push({ name: 'belgium-4g', traces: corpus('sabre-4g-belgium').map((t) => t.trace) });
  }
  const norwayNote =
    name === 'tuning'
      ? `Norway 3G files 1–${half} by name`
      : `Norway 3G files ${half + 1}–${norway.length} by name, all Belgium 4G`;
  return {
    name,
    ladders: qoeLadders(),
    classes,
    description: `${name} set: synthetic seeds ${first}–${first + seedsPerClass - 1} per class, ${norwayNote}; ladders amazon, sabre-music, sabre-movie`,
  };
}

import { readFileSync } from 'node:fs';
import { AbrAlgorithm } from '@legato/abr';
import { LegatoError } from '@legato/errors';
import { type Manifest, parseMpd, type SegmentIndex } from '@legato/mpd';
import {
  createLegatoSimPolicy,
  createSimTrack,
  type SimResult,
  type SimRung,
  type SimTrack,
  simTrackFromBitrates,
  simulate,
  syntheticTraceClasses,
} from '@legato/sim';
import { Command } from 'commander';
import { existingFile } from '../_internal/check-path.js';
import { loadTrace } from '../_internal/load-trace.js';
import { parseNumber } from '../_internal/parse-number.js';
import type { CommandFactory } from '../command.js';

/** The options of `legato simulate`, as commander parses them (numbers still text). */
interface SimulateOptions {
  mpd?: string;
  ladder?: string;
  trace?: string;
  abr: string;
  json?: boolean;
  segments?: boolean;
  duration?: string;
  segment?: string;
  startup?: string;
  bufferCap?: string;
  bufferTarget?: string;
  clearLead?: string;
  licenseAt?: string;
}

/** `legato simulate`: plays a track over a network trace with an ABR algorithm, in virtual time. */
export const simulateCommand: CommandFactory = (done) =>
  new Command('simulate')
    .description(
      'play a track (--mpd or --ladder) over a network trace with an ABR algorithm, in virtual time',
    )
    .option('--mpd <file>', 'the track: an MPD (segment sizes from its byte ranges)')
    .option(
      '--ladder <json-file>',
      'the track: [{"id","bitsPerSecond","qualityClass"}…] or {"rungs":[…],"durationS","segmentDurationS"}',
    )
    .option(
      '--trace <file|synthetic:CLASS:SEED>',
      `Sabre JSON, Pensieve "time_s Mbps" or Mahimahi text; or synthetic:${syntheticTraceClasses.join('|')}:SEED`,
    )
    .option('--abr <name>', Object.values(AbrAlgorithm).join(' | '), 'dynamic')
    .option('--json', 'print the metrics as JSON (with --segments: the per-segment log too)')
    .option('--segments', 'the per-segment log, with the reason of each choice')
    .option('--duration <s>', 'with --ladder: track duration (default 240)')
    .option('--segment <s>', 'with --ladder: segment duration (default 10)')
    .option('--startup <s>', 'buffer needed to start playing (default 2, the engine)')
    .option(
      '--buffer-target <s>',
      'request the next segment once at most this much is buffered (default 40, the engine; with only --buffer-cap, the cap)',
    )
    .option(
      '--buffer-cap <s>',
      "hard cap: a request also waits until its segment fits (default target + longest segment; Sabre's -b)",
    )
    .option('--clear-lead <s>', 'media past the clear lead plays only once the key is usable')
    .option('--license-at <s>', 'when the key becomes usable (session seconds)')
    .action(async (values: SimulateOptions) => done(await runSimulate(values)));

async function runSimulate(values: SimulateOptions): Promise<number> {
  if ((values.mpd === undefined) === (values.ladder === undefined) || values.trace === undefined) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      'give exactly one of --mpd or --ladder, and --trace (see legato simulate --help)',
    );
  }
  const algorithm = values.abr as AbrAlgorithm;
  if (!Object.values(AbrAlgorithm).includes(algorithm)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `--abr: expected ${Object.values(AbrAlgorithm).join(' | ')}, received ${values.abr}`,
    );
  }
  const durationS = seconds('--duration', values.duration, 240);
  const segmentDurationS = seconds('--segment', values.segment, 10);
  const startupS = seconds('--startup', values.startup, 2);
  const bufferCap =
    values.bufferCap === undefined ? undefined : seconds('--buffer-cap', values.bufferCap, 0);
  const bufferTarget =
    values.bufferTarget === undefined
      ? undefined
      : seconds('--buffer-target', values.bufferTarget, 0);
  const clearLeadS = seconds('--clear-lead', values.clearLead, 0, true);
  const licenseReadyS = seconds('--license-at', values.licenseAt, 0, true);
  const trackFile =
    values.mpd !== undefined
      ? existingFile('--mpd', values.mpd)
      : existingFile('--ladder', values.ladder!);
  const trace = loadTrace(values.trace);
  const text = readFileSync(trackFile, 'utf8');
  const track =
    values.mpd !== undefined
      ? trackFromMpd(parseMpd(text), values.mpd)
      : trackFromLadderJson(text, { durationS, segmentDurationS });
  const result = simulate({
    track,
    trace,
    policy: createLegatoSimPolicy(track, { algorithm }),
    startupS,
    ...(bufferCap === undefined ? {} : { bufferCapS: bufferCap }),
    ...(bufferTarget === undefined ? {} : { bufferTargetS: bufferTarget }),
    // An MPD is fetched before any media: its size counts toward time to first audio.
    manifestBytes: values.mpd !== undefined ? Buffer.byteLength(text) : 0,
    clearLeadS,
    licenseReadyS,
    explain: values.segments ?? false,
  });
  if (values.json) {
    const { segments, ...metrics } = result;
    const body = values.segments ? { ...metrics, segments } : metrics;
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    process.stdout.write(summary(result, track));
    if (values.segments) process.stdout.write(segmentTable(result));
  }
  return 0;
}

function seconds(flag: string, raw: string | undefined, fallback: number, zeroOk = false): number {
  if (raw === undefined) return fallback;
  return parseNumber(flag, raw, { min: 0, minInclusive: zeroOk });
}

/** Ladder JSON: an array of rungs, or `{ rungs, durationS?, segmentDurationS? }`. */
export function trackFromLadderJson(
  text: string,
  defaults: { durationS: number; segmentDurationS: number },
): SimTrack {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new LegatoError('INVALID_ARGUMENT', `--ladder: expected JSON, received unparsable text`, {
      cause,
    });
  }
  const obj = Array.isArray(data) ? { rungs: data } : (data as Record<string, unknown> | null);
  const list = obj?.['rungs'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      '--ladder: expected a non-empty array of rungs or {"rungs": […]}, received something else',
    );
  }
  const rungs: SimRung[] = list.map((r: unknown, i) => {
    const rec = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const bps = rec['bitsPerSecond'] ?? rec['bandwidth'];
    if (typeof bps !== 'number') {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `--ladder: rung ${i}: expected bitsPerSecond (a number), received ${JSON.stringify(bps) ?? 'nothing'}`,
      );
    }
    return {
      id: typeof rec['id'] === 'string' ? rec['id'] : `rung-${i}`,
      bitsPerSecond: bps,
      qualityClass: typeof rec['qualityClass'] === 'string' ? rec['qualityClass'] : 'default',
    };
  });
  const num = (key: string, fallback: number) =>
    typeof obj?.[key] === 'number' ? (obj[key] as number) : fallback;
  return simTrackFromBitrates(rungs, {
    durationS: num('durationS', defaults.durationS),
    segmentDurationS: num('segmentDurationS', defaults.segmentDurationS),
  });
}

/**
 * The stereo audio ladder of an MPD's first period (every audio representation except `3D`
 * immersive sets, which do not switch with stereo), with exact segment sizes from the byte
 * ranges; a segment without a range is sized from the declared bandwidth.
 */
export function trackFromMpd(manifest: Manifest, name: string): SimTrack {
  const period = manifest.periods[0];
  const reps = (period?.adaptationSets ?? [])
    .filter((set) => isAudio(set.contentType, set.mimeType) && set.trackType !== '3D')
    .flatMap((set) =>
      set.representations.map((rep) => ({ rep, qualityClass: set.trackType ?? 'default' })),
    );
  if (reps.length === 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `--mpd ${name}: expected audio representations, received none`,
    );
  }
  const first = reps[0]!.rep.segmentIndex;
  const count = first.count;
  for (const { rep } of reps) {
    if (rep.segmentIndex.count !== count) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `--mpd ${name}: expected aligned segments (${count} in every representation), representation ${rep.id} has ${rep.segmentIndex.count}`,
      );
    }
  }
  const durations = Array.from({ length: count }, (_, i) => first.get(i).durationS);
  return createSimTrack({
    segmentDurationsS: durations,
    rungs: reps.map(({ rep, qualityClass }) => ({
      id: rep.id,
      bitsPerSecond: rep.bandwidth,
      qualityClass,
      segmentBytes: durations.map((d, i) => {
        const range = rep.segmentIndex.get(i).range;
        return range ? range.end - range.start + 1 : Math.round((rep.bandwidth * d) / 8);
      }),
      ...initOf(rep.segmentIndex),
    })),
  });
}

/** The init segment's size from its byte range, and whether segment 0's range follows it. */
function initOf(index: SegmentIndex): { initBytes?: number; initAdjacent?: boolean } {
  const init = index.initialization?.range;
  if (!init) return {};
  const first = index.count > 0 ? index.get(0) : null;
  const sameUrl = first?.urls[0] === index.initialization?.url;
  return {
    initBytes: init.end - init.start + 1,
    initAdjacent: sameUrl && first?.range?.start === init.end + 1,
  };
}

function isAudio(contentType: string | null, mimeType: string | null): boolean {
  return contentType === 'audio' || (mimeType ?? '').startsWith('audio/');
}

function summary(r: SimResult, track: SimTrack): string {
  const classes = Object.entries(r.timeByClassS)
    .map(([cls, s]) => `${cls} ${s.toFixed(0)} s`)
    .join(' · ');
  return [
    `legato simulate · ${r.policy} · trace ${r.trace}`,
    `  track            ${track.segmentDurationsS.length} segments, ${r.playedS.toFixed(1)} s, ${track.rungs.length} rungs (${track.rungs.map((x) => Math.round(x.bitsPerSecond / 1000)).join('/')} kb/s)`,
    `  first audio      ${r.timeToFirstAudioS.toFixed(2)} s (floor ${r.floorS.toFixed(2)} s: manifest, init and first segment of the lowest rung)`,
    `  startup delay    ${r.startupDelayS.toFixed(2)} s (from the first media request)`,
    `  rebuffering      ${r.rebufferCount} stall(s), ${r.rebufferS.toFixed(2)} s`,
    `  average bitrate  ${Math.round(r.averageBitrateBps / 1000)} kb/s`,
    `  switches         ${r.switches}`,
    `  time per class   ${classes}`,
    `  QoE              ${r.qoe.toFixed(2)} (μ = ${Number(r.rebufferPenalty.toFixed(3))} per stall or first-audio second)`,
    `  QoE_lin          ${r.qoeLin.toFixed(2)} (first audio not charged)`,
    `  abandons         ${r.abandons} (${(r.wastedBytes / 1e6).toFixed(2)} MB wasted)`,
    `  downloaded       ${(r.totalBytes / 1e6).toFixed(2)} MB in a ${r.wallS.toFixed(1)} s session`,
    '',
  ].join('\n');
}

function segmentTable(r: SimResult): string {
  const head =
    '  seg  request s  rung  kb/s    bytes  dl s  buffer s  stall s  estimate kb/s  reason';
  const lines = r.segments.map(
    (s) =>
      `  ${String(s.index).padStart(3)} ${s.requestS.toFixed(2).padStart(10)} ${String(s.rung).padStart(5)} ${String(Math.round(s.bitsPerSecond / 1000)).padStart(5)} ${String(s.bytes).padStart(8)} ${s.downloadS.toFixed(2).padStart(5)} ${s.bufferAfterS.toFixed(1).padStart(9)} ${s.stallS.toFixed(2).padStart(8)} ${String(Math.round(s.estimateBps / 1000)).padStart(14)}  ${s.reason ?? ''}`,
  );
  return `${[head, ...lines].join('\n')}\n`;
}

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LegatoError } from '@legato/errors';
import {
  type AudioSource,
  type PackagedTrack,
  packageTrack,
  type Rendition,
} from '@legato/testkit';
import type { Command } from '../command.js';

const USAGE = `usage: legato package (--input <audio file> | --synth <seconds>) --kid <32 hex> --key <32 hex> --out <dir>
       [--clear-lead 30] [--segment 10] [--license-url <url>] [--opus 64,128] [--flac 44100/16,48000/24]
       [--ffmpeg <path>] [--keep-clear] [--json]
  Encodes with ffmpeg to fragmented MP4 (one fragment per segment), CENC-encrypts everything after
  the clear lead (AES-128-CTR, Widevine + common pssh), writes <out>/manifest.mpd and one .mp4 per
  representation. The key is never printed.
`;

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `--${name}: expected a non-negative number, received ${JSON.stringify(text)}\n${USAGE}`,
    );
  }
  return value;
}

/** `--opus 64,128` and `--flac 44100/16,48000/24` into renditions. */
function renditionsOf(opus: string | undefined, flac: string | undefined): Rendition[] {
  const out: Rendition[] = [];
  for (const kbps of (opus ?? '64,128').split(',').filter(Boolean)) {
    out.push({ codec: 'opus', bitrateBitsPerSecond: number('opus', kbps, 0) * 1000 });
  }
  for (const spec of (flac ?? '44100/16,48000/24').split(',').filter(Boolean)) {
    const [rate, bits] = spec.split('/');
    if (bits !== '16' && bits !== '24') {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `--flac: expected <rate>/<16|24>, received ${JSON.stringify(spec)}\n${USAGE}`,
      );
    }
    out.push({
      codec: 'flac',
      sampleRateHz: number('flac', rate, 0),
      bitDepth: bits === '16' ? 16 : 24,
    });
  }
  return out;
}

function describeTrack(track: PackagedTrack): string {
  const lines = [
    `wrote ${track.manifestPath}`,
    `  static on-demand, ${track.durationS} s, KID ${track.kid}, ${track.segmentDurationS} s segments, clear lead ${track.clearLeadS} s`,
  ];
  for (const r of track.representations) {
    const clear = r.segments.filter((s) => !s.encrypted).length;
    const format =
      r.codec === 'flac' ? `${r.sampleRateHz} Hz ${r.bitDepth}-bit` : `${r.sampleRateHz} Hz`;
    lines.push(
      `  ${r.id.padEnd(12)} ${r.codec} ${format.padEnd(16)} ${r.streamName.padEnd(3)} rank ${r.qualityRanking}  bandwidth ${r.bandwidthBitsPerSecond} b/s  ${r.segments.length} segments (${clear} clear, ${r.segments.length - clear} encrypted)  ${r.segments.at(-1)!.endByte + 1} B  ${r.path}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `legato package`: CENC-packages a track with a clear lead and writes an Amazon-shape MPD. */
export const packageCommand: Command = async (argv) => {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...argv],
      strict: true,
      options: {
        input: { type: 'string' },
        synth: { type: 'string' },
        kid: { type: 'string' },
        key: { type: 'string' },
        out: { type: 'string' },
        'clear-lead': { type: 'string' },
        segment: { type: 'string' },
        'license-url': { type: 'string' },
        opus: { type: 'string' },
        flac: { type: 'string' },
        ffmpeg: { type: 'string' },
        'keep-clear': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    parsed = parse();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new LegatoError('INVALID_ARGUMENT', `${reason}\n${USAGE}`, { cause });
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if ((v.input === undefined) === (v.synth === undefined) || !v.kid || !v.key || !v.out) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `expected exactly one of --input/--synth, and --kid, --key, --out\n${USAGE}`,
    );
  }
  const source: AudioSource =
    v.input !== undefined
      ? { file: resolve(v.input) }
      : { synth: { durationS: number('synth', v.synth, 0) } };
  const track = await packageTrack({
    source,
    renditions: renditionsOf(v.opus, v.flac),
    kid: v.kid,
    key: v.key,
    outDir: resolve(v.out),
    segmentDurationS: number('segment', v.segment, 10),
    clearLeadS: number('clear-lead', v['clear-lead'], 30),
    keepClear: v['keep-clear'],
    ...(v['license-url'] === undefined ? {} : { licenseUrl: v['license-url'] }),
    ...(v.ffmpeg === undefined ? {} : { ffmpegPath: v.ffmpeg }),
  });
  if (v.json) {
    const { mpd: _mpd, ...rest } = track;
    process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  } else process.stdout.write(describeTrack(track));
  return 0;
};

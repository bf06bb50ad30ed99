import { LegatoError } from '@legato/errors';
import type { AudioSource, PackagedTrack, Rendition } from '@legato/testkit';
import { Command, Option } from 'commander';
import { existingFile, outputDirectory } from '../_internal/check-path.js';
import { importOptional } from '../_internal/import-optional.js';
import { parseNumber } from '../_internal/parse-number.js';
import type { CommandFactory } from '../command.js';

function number(name: string, text: string | undefined, fallback: number, zeroOk = false): number {
  if (text === undefined) return fallback;
  return parseNumber(`--${name}`, text, { min: 0, minInclusive: zeroOk });
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
        `--flac: expected <rate>/<16|24>, received ${JSON.stringify(spec)}`,
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

/** The options of `legato package`, as commander parses them (numbers still text). */
interface PackageOptions {
  input?: string;
  synth?: string;
  kid?: string;
  key?: string;
  out?: string;
  clearLead?: string;
  segment?: string;
  licenseUrl?: string;
  opus?: string;
  flac?: string;
  ffmpeg?: string;
  scheme?: 'cenc' | 'cbc1' | 'cens' | 'cbcs';
  keepClear?: boolean;
  json?: boolean;
}

/** `legato package`: CENC-packages a track with a clear lead and writes an Amazon-shape MPD. */
export const packageCommand: CommandFactory = (done) =>
  new Command('package')
    .description(
      'encode with ffmpeg to fragmented MP4 (one fragment per segment), CENC-encrypt everything after the clear lead (--scheme: cenc AES-128-CTR by default, or cbcs, cens, cbc1; Widevine + common pssh), write <out>/manifest.mpd and one .mp4 per representation; the key is never printed',
    )
    .option('--input <audio-file>', 'the source audio (any format ffmpeg reads)')
    .option('--synth <seconds>', 'or a synthetic source of this duration')
    .option('--kid <32-hex>', 'key id')
    .option('--key <32-hex>', 'content key')
    .option('--out <dir>', 'output directory')
    .option('--clear-lead <s>', 'unencrypted lead (default 30)')
    .option('--segment <s>', 'segment duration (default 10)')
    .option('--license-url <url>', 'amz:LicenseUrl written into the MPD')
    .option('--opus <kbps,…>', 'Opus renditions (default 64,128)')
    .option('--flac <rate/bits,…>', 'FLAC renditions (default 44100/16,48000/24)')
    .option('--ffmpeg <path>', 'the ffmpeg binary')
    .addOption(
      new Option('--scheme <scheme>', 'CENC scheme (ISO/IEC 23001-7; default cenc)').choices([
        'cenc',
        'cbcs',
        'cens',
        'cbc1',
      ]),
    )
    .option('--keep-clear', 'also keep the unencrypted encodes')
    .option('--json', 'print the packaged track as JSON')
    .action(async (v: PackageOptions) => done(await runPackage(v)));

async function runPackage(v: PackageOptions): Promise<number> {
  if ((v.input === undefined) === (v.synth === undefined) || !v.kid || !v.key || !v.out) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      'expected exactly one of --input/--synth, and --kid, --key, --out (see legato package --help)',
    );
  }
  const renditions = renditionsOf(v.opus, v.flac);
  const segmentDurationS = number('segment', v.segment, 10);
  const clearLeadS = number('clear-lead', v.clearLead, 30, true);
  const source: AudioSource =
    v.input !== undefined
      ? { file: existingFile('--input', v.input) }
      : { synth: { durationS: number('synth', v.synth, 0) } };
  const outDir = outputDirectory('--out', v.out);
  const { packageTrack } = await importOptional(
    () => import('@legato/testkit'),
    '@legato/testkit',
    'legato package',
  );
  const track = await packageTrack({
    source,
    renditions,
    kid: v.kid,
    key: v.key,
    outDir,
    segmentDurationS,
    clearLeadS,
    keepClear: v.keepClear ?? false,
    ...(v.licenseUrl === undefined ? {} : { licenseUrl: v.licenseUrl }),
    ...(v.ffmpeg === undefined ? {} : { ffmpegPath: v.ffmpeg }),
    ...(v.scheme === undefined ? {} : { scheme: v.scheme }),
  });
  if (v.json) {
    const { mpd: _mpd, ...rest } = track;
    process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  } else process.stdout.write(describeTrack(track));
  return 0;
}

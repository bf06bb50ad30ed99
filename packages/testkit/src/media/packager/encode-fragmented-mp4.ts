import { LegatoError } from '@legato/errors';
import { FFMPEG_BITEXACT_ARGS, runFfmpeg } from './run-ffmpeg.js';

/** A synthesized source: one sine tone per segment, so decoded output can be checked. */
export interface SynthSource {
  readonly durationS: number;
  /**
   * Tone of each segment in Hz (cycled). Integer frequencies keep the phase continuous at
   * segment boundaries.
   * @default [440, 554, 659, 880, 740, 587, 494, 698, 523]
   */
  readonly tonesHz?: readonly number[];
}

/** What the packager encodes: an audio file, or a synthesized tone sequence. */
export type AudioSource = { readonly file: string } | { readonly synth: SynthSource };

/** One output representation. */
export type Rendition =
  | { readonly codec: 'opus'; readonly bitrateBitsPerSecond: number; readonly channelCount?: 1 | 2 }
  | {
      readonly codec: 'flac';
      readonly sampleRateHz: number;
      readonly bitDepth: 16 | 24;
      readonly channelCount?: 1 | 2;
    };

/** The default tones of {@link SynthSource}. */
export const DEFAULT_TONES_HZ: readonly number[] = [440, 554, 659, 880, 740, 587, 494, 698, 523];

/** libopus's encoder delay at 48 kHz (the Opus pre-skip ffmpeg writes), in samples. */
export const OPUS_PRE_SKIP_SAMPLES = 312;

function sampleRateOf(rendition: Rendition): number {
  return rendition.codec === 'opus' ? 48_000 : rendition.sampleRateHz;
}

/** ffmpeg input arguments for `source` at `sampleRateHz`. */
function inputArgs(source: AudioSource, rendition: Rendition, segmentDurationS: number): string[] {
  if ('file' in source) return ['-i', source.file, '-map', '0:a:0'];
  const rate = sampleRateOf(rendition);
  const tones = source.synth.tonesHz ?? DEFAULT_TONES_HZ;
  // Opus adds a 312-sample pre-skip; trimming it from the source keeps the last fragment whole.
  const totalSamples =
    Math.round(source.synth.durationS * rate) -
    (rendition.codec === 'opus' ? OPUS_PRE_SKIP_SAMPLES : 0);
  const perSegment = Math.round(segmentDurationS * rate);
  const parts: string[] = [];
  let n = 0;
  for (let done = 0; done < totalSamples; done += perSegment, n++) {
    const samples = Math.min(perSegment, totalSamples - done);
    parts.push(`sine=f=${tones[n % tones.length]}:r=${rate}:d=${samples / rate}[s${n}]`);
  }
  const labels = Array.from({ length: n }, (_, i) => `[s${i}]`).join('');
  const graph = `${parts.join(';')};${labels}concat=n=${n}:v=0:a=1,atrim=end_sample=${totalSamples}[out]`;
  return ['-filter_complex', graph, '-map', '[out]'];
}

function codecArgs(rendition: Rendition, segmentDurationS: number): string[] {
  const channels = ['-ac', String(rendition.channelCount ?? 1)];
  if (rendition.codec === 'opus') {
    // Constrained VBR keeps each representation near its nominal bitrate (unconstrained libopus
    // VBR spends ~50 % more on pure tones), so the ladder means what its ids say.
    return [
      '-c:a',
      'libopus',
      '-vbr',
      'constrained',
      '-b:a',
      String(rendition.bitrateBitsPerSecond),
      '-ar',
      '48000',
      ...channels,
    ];
  }
  const rate = rendition.sampleRateHz;
  // 100 ms FLAC frames: a whole number of frames per segment, so fragments are exactly segment long.
  const frame = rate / 10;
  if (!Number.isInteger(frame) || !Number.isInteger(segmentDurationS * 10)) {
    throw new LegatoError(
      'PACKAGER_INPUT_INVALID',
      `flac: expected a sample rate divisible by 10 and a segment duration in 0.1 s steps, received ${rate} Hz and ${segmentDurationS} s`,
    );
  }
  const format =
    rendition.bitDepth === 24
      ? ['-sample_fmt', 's32', '-bits_per_raw_sample', '24']
      : ['-sample_fmt', 's16'];
  return [
    '-c:a',
    'flac',
    '-strict',
    '-2',
    '-ar',
    String(rate),
    ...channels,
    ...format,
    '-frame_size',
    String(frame),
  ];
}

/**
 * Encodes one rendition to a fragmented MP4 with one fragment per segment (ffmpeg
 * `+empty_moov+default_base_moof`, `-frag_duration`), bit-exact (no encoder version strings,
 * no metadata, no trailing mfra) so re-runs give identical bytes.
 */
export async function encodeFragmentedMp4(options: {
  readonly ffmpegPath: string;
  readonly source: AudioSource;
  readonly rendition: Rendition;
  readonly segmentDurationS: number;
  readonly outFile: string;
}): Promise<void> {
  const { rendition, segmentDurationS } = options;
  await runFfmpeg(options.ffmpegPath, [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    ...inputArgs(options.source, rendition, segmentDurationS),
    ...codecArgs(rendition, segmentDurationS),
    ...FFMPEG_BITEXACT_ARGS,
    '-movflags',
    '+frag_keyframe+empty_moov+default_base_moof+skip_trailer',
    '-frag_duration',
    String(Math.round(segmentDurationS * 1_000_000)),
    '-f',
    'mp4',
    options.outFile,
  ]);
}

/** Integrated loudness (EBU R128, LUFS) of `file`, measured by ffmpeg's ebur128 filter. */
export async function measureLoudnessLufs(ffmpegPath: string, file: string): Promise<number> {
  const log = await runFfmpeg(ffmpegPath, [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-i',
    file,
    '-af',
    'ebur128=framelog=verbose',
    '-f',
    'null',
    '-',
  ]);
  const match = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+) LUFS/.exec(log);
  if (match === null)
    throw new LegatoError(
      'PACKAGER_FAILED',
      'ebur128: expected an "Integrated loudness" summary in the ffmpeg log, received none',
    );
  return Number(match[1]);
}

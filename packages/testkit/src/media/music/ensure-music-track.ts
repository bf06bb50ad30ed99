import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LegatoError } from '@legato/errors';
import { FIXTURE_LICENSE_URL_PLACEHOLDER } from '../fixtures/fixture-tracks.js';
import { type FixtureTrack, loadFixtureTrack } from '../fixtures/load-fixture-track.js';
import { OPUS_PRE_SKIP_SAMPLES } from '../packager/encode-fragmented-mp4.js';
import { packageTrack } from '../packager/package-track.js';
import { FFMPEG_BITEXACT_ARGS, runFfmpeg } from '../packager/run-ffmpeg.js';
import { encodeWavFloat } from './encode-wav-float.js';
import { fixtureJson } from './fixture-json.js';
import { MUSIC_TRACK_SPEC } from './music-track-spec.js';
import { renderMusicPcm } from './render-music-pcm.js';

/** Options of {@link ensureMusicTrack}. */
export interface EnsureMusicTrackOptions {
  /**
   * Where generated tracks are kept (one folder per generator spec and ffmpeg build).
   * @default `$LEGATO_CACHE_DIR`, else `node_modules/.cache/legato-music` of the testkit package
   */
  readonly cacheDir?: string;
  /** @default 'ffmpeg' (on PATH) */
  readonly ffmpegPath?: string;
  /** License URL written into the returned MPD. @default the fixture placeholder */
  readonly licenseUrl?: string;
  /** Told once before a (re)generation starts (it takes ~30 s). */
  readonly onGenerate?: (dir: string) => void;
}

function defaultCacheDir(): string {
  if (process.env['LEGATO_CACHE_DIR']) return join(process.env['LEGATO_CACHE_DIR'], 'music');
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) break;
    dir = dirname(dir);
  }
  return join(dir, 'node_modules', '.cache', 'legato-music');
}

/**
 * The generated music track (see {@link MUSIC_TRACK_SPEC}): a 90 s synthetic stereo piece
 * ({@link renderMusicPcm}) mastered to 24-bit/192 kHz by ffmpeg with a −80 dBFS hiss bed, then
 * packaged by {@link packageTrack} as Opus 64/128/320 kbit/s and FLAC 16/44.1, 24/48, 24/96 and
 * 24/192 with a 30 s clear lead. Generated once per spec and ffmpeg build into the cache (about
 * 90 MB, never committed) and loaded from there afterwards; bit-identical on re-generation.
 * Needs ffmpeg (`FFMPEG_UNAVAILABLE` otherwise).
 */
export async function ensureMusicTrack(
  options: EnsureMusicTrackOptions = {},
): Promise<FixtureTrack> {
  const ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
  const version = ffmpegVersionLine(ffmpegPath);
  const spec = MUSIC_TRACK_SPEC;
  const hash = createHash('sha256')
    .update(JSON.stringify({ spec, version }))
    .digest('hex')
    .slice(0, 16);
  const root = join(options.cacheDir ?? defaultCacheDir(), hash);
  const load = () =>
    loadFixtureTrack(spec.trackId, {
      fixturesDir: root,
      ...(options.licenseUrl === undefined ? {} : { licenseUrl: options.licenseUrl }),
    });
  if (existsSync(join(root, spec.trackId, 'fixture.json'))) return load();
  options.onGenerate?.(root);
  const work = `${root}.partial-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    const wav = join(work, 'render.wav');
    await writeFile(
      wav,
      encodeWavFloat(renderMusicPcm({ durationS: spec.durationS, seed: spec.seed })),
    );
    const master = join(work, 'master.flac');
    await runFfmpeg(ffmpegPath, masterArgs(wav, master));
    const outDir = join(work, spec.trackId);
    const track = await packageTrack({
      source: { file: master },
      renditions: spec.renditions,
      kid: spec.kid,
      key: spec.key,
      ivSeed: `legato-music-${spec.generatorVersion}`,
      segmentDurationS: spec.segmentDurationS,
      clearLeadS: spec.clearLeadS,
      outDir,
      ffmpegPath,
      licenseUrl: FIXTURE_LICENSE_URL_PLACEHOLDER,
    });
    await writeFile(
      join(outDir, 'fixture.json'),
      fixtureJson(track, {
        trackId: spec.trackId,
        key: spec.key,
        tonesHz: [],
        ffmpegVersion: version,
        generatedBy: 'packages/testkit/src/media/music/ensure-music-track.ts',
      }),
    );
    await rm(wav);
    await rm(master);
    await rm(root, { recursive: true, force: true });
    await rename(work, root);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  return load();
}

/** The first line of `ffmpeg -version` (part of the cache key); `FFMPEG_UNAVAILABLE` without ffmpeg. */
function ffmpegVersionLine(ffmpegPath: string): string {
  try {
    return execFileSync(ffmpegPath, ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch (cause) {
    throw new LegatoError(
      'FFMPEG_UNAVAILABLE',
      `expected an ffmpeg executable at '${ffmpegPath}', received none (Debian: apt-get install ffmpeg)`,
      { cause },
    );
  }
}

/**
 * ffmpeg arguments that master the rendered piece: resample to 192 kHz, add an independent
 * −80 dBFS white-noise bed per channel (the noise floor real recordings carry, which is what makes
 * 24-bit FLAC cost what it costs), trim the Opus pre-skip so every codec's last fragment fits the
 * segment, and write 24-bit FLAC. Deterministic (seeded noise, bit-exact flags).
 */
function masterArgs(wav: string, out: string): string[] {
  const { masterRateHz: rate, hissAmplitude: a, durationS } = MUSIC_TRACK_SPEC;
  const preSkip = (OPUS_PRE_SKIP_SAMPLES * rate) / 48_000;
  const samples = durationS * rate - preSkip;
  const noise = (seed: number, label: string) =>
    `anoisesrc=r=${rate}:a=${a}:c=white:seed=${seed}:d=${durationS}[${label}]`;
  const graph = [
    `[0:a]aresample=${rate}[m]`,
    noise(7, 'n1'),
    noise(8, 'n2'),
    '[n1][n2]amerge=inputs=2[n]',
    `[m][n]amix=inputs=2:normalize=0:duration=first,atrim=end_sample=${samples}[o]`,
  ].join(';');
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-i',
    wav,
    '-filter_complex',
    graph,
    '-map',
    '[o]',
    '-c:a',
    'flac',
    '-sample_fmt',
    's32',
    '-bits_per_raw_sample',
    '24',
    ...FFMPEG_BITEXACT_ARGS,
    out,
  ];
}

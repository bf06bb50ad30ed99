import { isLegatoError } from '@legato/errors';
import { ensureMusicTrack } from '@legato/testkit';

/** Which track the demo plays, and where its files are. */
export interface DemoMedia {
  /** Fixture folder holding `<trackId>/` (the music cache), or undefined for the committed fixtures. */
  readonly fixturesDir?: string;
  readonly trackId: string;
  /** One line for the user: what plays and why. */
  readonly description: string;
}

/** Options of {@link chooseDemoMedia}. */
export interface ChooseDemoMediaOptions {
  /** @default 'ffmpeg' */
  readonly ffmpegPath?: string;
  /** Told once when the music track must be generated (first run, ~20 s). */
  readonly onGenerate?: (dir: string) => void;
}

/**
 * The demo's track: the generated music ladder (Opus 64/128/320, FLAC 16/44.1 … 24/192, stereo)
 * when ffmpeg is there, else the small committed tone fixture — and a line that says which.
 */
export async function chooseDemoMedia(options: ChooseDemoMediaOptions = {}): Promise<DemoMedia> {
  try {
    const track = await ensureMusicTrack({
      ...(options.ffmpegPath === undefined ? {} : { ffmpegPath: options.ffmpegPath }),
      ...(options.onGenerate === undefined ? {} : { onGenerate: options.onGenerate }),
    });
    return {
      fixturesDir: track.dir.slice(0, track.dir.length - track.trackId.length - 1),
      trackId: track.trackId,
      description: `music ladder: ${track.representations.map((r) => r.id).join(', ')} (generated with ffmpeg, cached in ${track.dir})`,
    };
  } catch (error) {
    if (!isLegatoError(error) || error.code !== 'FFMPEG_UNAVAILABLE') throw error;
    return {
      trackId: 'tone-a',
      description:
        'committed tone fixture tone-a (mono Opus 32/64, FLAC 16/44.1, 24/48): ffmpeg not found, so no music ladder (apt-get install ffmpeg)',
    };
  }
}

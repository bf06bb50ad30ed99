import { execFile } from 'node:child_process';
import { LegatoError } from '@legato/errors';

/**
 * Output options that make ffmpeg's output depend only on its input and its build: no metadata
 * copied, no encoder version string, no timestamps (so fixtures regenerate bit-identically).
 */
export const FFMPEG_BITEXACT_ARGS: readonly string[] = [
  '-map_metadata',
  '-1',
  '-fflags',
  '+bitexact',
  '-flags:a',
  '+bitexact',
];

/** Runs ffmpeg with `args`; resolves to its stderr. ENOENT → `FFMPEG_UNAVAILABLE`, else `PACKAGER_FAILED`. */
export function runFfmpeg(ffmpegPath: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpegPath,
      args,
      { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (error === null) {
          resolve(stderr);
          return;
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new LegatoError(
              'FFMPEG_UNAVAILABLE',
              `expected an ffmpeg executable at '${ffmpegPath}', received none (Debian: apt-get install ffmpeg)`,
              { cause: error },
            ),
          );
          return;
        }
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        reject(
          new LegatoError(
            'PACKAGER_FAILED',
            `ffmpeg exited with ${error.code ?? 'a signal'}: ${tail}`,
            { cause: error },
          ),
        );
      },
    );
  });
}

import { execFileSync } from 'node:child_process';
import { LegatoError } from '@legato/errors';
import { REQUIRE_BROWSER_ENV } from '@legato/testkit';

/**
 * `'ffmpeg'` when it runs, else undefined after a loud skip banner; with
 * `LEGATO_REQUIRE_BROWSER=1` (CI, which installs ffmpeg and chromium) a missing ffmpeg throws.
 */
export function ffmpegForTests(suite: string): string | undefined {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return 'ffmpeg';
  } catch {
    if (process.env[REQUIRE_BROWSER_ENV] === '1') {
      throw new LegatoError(
        'FFMPEG_UNAVAILABLE',
        `${suite}: ${REQUIRE_BROWSER_ENV}=1 but ffmpeg is not installed`,
      );
    }
    process.stderr.write(
      `\n${'!'.repeat(72)}\n!! SKIPPING "${suite}": ffmpeg is not installed (apt-get install ffmpeg)\n${'!'.repeat(72)}\n\n`,
    );
    return undefined;
  }
}

import { LegatoError } from '@legato/errors';
import { findChromium } from './find-chromium.js';

/** Environment variable that turns a missing browser from a skip into a failure (CI sets it). */
export const REQUIRE_BROWSER_ENV = 'LEGATO_REQUIRE_BROWSER';

/**
 * The Chromium executable for browser tests, or `undefined` to skip them.
 * A skip is loud (a banner on stderr naming the reason); with `LEGATO_REQUIRE_BROWSER=1` a
 * missing browser throws `BROWSER_UNAVAILABLE` instead, so CI cannot pass by skipping.
 *
 * @example
 * ```ts
 * const chromiumPath = chromiumForTests('fixture playback');
 * describe.skipIf(chromiumPath === undefined)('fixture playback in Chromium', () => { … });
 * ```
 */
export function chromiumForTests(suite: string): string | undefined {
  const location = findChromium();
  if (location.available) return location.executablePath;
  if (process.env[REQUIRE_BROWSER_ENV] === '1') {
    throw new LegatoError(
      'BROWSER_UNAVAILABLE',
      `${suite}: ${REQUIRE_BROWSER_ENV}=1 but ${location.reason}`,
    );
  }
  process.stderr.write(
    `\n${'!'.repeat(72)}\n!! SKIPPING browser tests "${suite}": ${location.reason}\n!! Set ${REQUIRE_BROWSER_ENV}=1 to make this a failure.\n${'!'.repeat(72)}\n\n`,
  );
  return undefined;
}

import { fileURLToPath } from 'node:url';
import { LegatoError } from '@legato/errors';
import { bundleForBrowser } from '@legato/testkit';

/**
 * Bundles the browser player (`player-page.ts` and the legato sources it imports) into one ESM
 * module. Runs from the repository: the page is built from source, so the demo shows the code as
 * it is now.
 */
export async function bundlePlayerPage(): Promise<string> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // From src/demo/browser (tests, tsx) or dist (the built CLI): find the repository's packages/.
  const at = here.indexOf('/packages/cli/');
  if (at < 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `demo --browser: expected to run from the legato repository, received ${here}`,
    );
  }
  return bundleForBrowser(`${here.slice(0, at)}/packages/cli/src/demo/browser/player-page.ts`, {
    // @legato/testkit is imported only for its scaled clock; its Node parts are tree-shaken away.
    external: ['node:*', 'playwright-core'],
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The browser player (`player-page.ts` and the legato code it imports) as one ESM module. The
 * built CLI reads `dist/player-page.js`, written at build time (`scripts/bundle-player-page.mjs`);
 * running from source (tests, tsx) bundles the page now with the testkit's esbuild.
 */
export async function bundlePlayerPage(): Promise<string> {
  const built = new URL('./player-page.js', import.meta.url);
  if (fileURLToPath(built).includes('/dist/') && existsSync(built)) {
    return readFileSync(built, 'utf8');
  }
  const { bundleForBrowser } = await import('@legato/testkit');
  return bundleForBrowser(new URL('./player-page.ts', import.meta.url), {
    external: ['node:*', 'playwright-core'],
  });
}

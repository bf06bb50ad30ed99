import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LegatoError } from '@legato/errors';

/**
 * Bundles the browser player (`player-page.ts` and the legato sources it imports) into one ESM
 * module with esbuild. Runs from the repository: the page is built from source, so the demo
 * shows the code as it is now.
 */
export async function bundlePlayerPage(): Promise<string> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // From src/demo/browser (tests, tsx) or dist (the built CLI): find the repository's packages/.
  const root = here.includes('/packages/cli/')
    ? here.slice(0, here.indexOf('/packages/cli/') + 1)
    : undefined;
  if (root === undefined) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `demo --browser: expected to run from the legato repository, received ${here}`,
    );
  }
  const entry = `${root}packages/cli/src/demo/browser/player-page.ts`;
  const alias = Object.fromEntries(
    readdirSync(`${root}packages`).map((name) => [
      `@legato/${name}`,
      `${root}packages/${name}/src/index.ts`,
    ]),
  );
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    alias,
    // @legato/testkit is imported only for its scaled clock; its Node parts are tree-shaken away.
    external: ['node:*', 'playwright-core'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Bundles `scenarios.ts` (and the legato sources it imports) into one browser ESM module. */
export async function bundleScenarios(): Promise<string> {
  const alias = Object.fromEntries(
    readdirSync(`${root}packages`).map((name) => [
      `@legato/${name}`,
      `${root}packages/${name}/src/index.ts`,
    ]),
  );
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./scenarios.ts', import.meta.url))],
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

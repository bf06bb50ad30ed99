import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Bundles `scenario.ts` with legato's sources into one browser ESM module. */
export async function bundleScenario(): Promise<string> {
  const alias = Object.fromEntries(
    readdirSync(`${root}packages`).map((name) => [
      `@legato/${name}`,
      `${root}packages/${name}/src/index.ts`,
    ]),
  );
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./scenario.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    alias,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

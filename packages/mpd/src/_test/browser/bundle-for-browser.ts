import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Bundles a browser entry module with legato's sources (by package name) into one ESM text. */
export async function bundleForBrowser(entry: URL): Promise<string> {
  const packages = readdirSync(`${root}packages`);
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    alias: Object.fromEntries(
      packages.map((p) => [`@legato/${p}`, `${root}packages/${p}/src/index.ts`]),
    ),
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

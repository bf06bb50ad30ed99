import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LegatoError } from '@legato/errors';

/** Options of {@link bundleForBrowser}. */
export interface BundleForBrowserOptions {
  /** Imports left out of the bundle (e.g. Node-only modules a tree-shaken import never reaches). @default [] */
  readonly external?: readonly string[];
}

/**
 * Bundles a browser entry module of the legato repository into one ESM text with esbuild,
 * resolving `@legato/*` to the packages' sources, so a page in Chromium runs the code as it is
 * now (no build needed). Throws `INVALID_ARGUMENT` when the entry is not inside a repository's
 * `packages/` folder.
 */
export async function bundleForBrowser(
  entry: string | URL,
  options: BundleForBrowserOptions = {},
): Promise<string> {
  const entryPath = entry instanceof URL ? fileURLToPath(entry) : entry;
  const at = entryPath.indexOf('/packages/');
  if (at < 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `entry: expected a file inside the legato repository's packages/ folder, received ${entryPath}`,
    );
  }
  const packagesDir = entryPath.slice(0, at + '/packages/'.length);
  const alias = Object.fromEntries(
    readdirSync(packagesDir).map((name) => [
      `@legato/${name}`,
      `${packagesDir}${name}/src/index.ts`,
    ]),
  );
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entryPath],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    alias,
    // This module itself may be reached through @legato/testkit; its esbuild import stays out.
    external: ['esbuild', ...(options.external ?? [])],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packages = readdirSync(`${root}packages`);

/** Tests import packages by name; resolve them to source so no build is needed to test. */
const alias = Object.fromEntries(
  packages.map((name) => [`@legato/${name}`, `${root}packages/${name}/src/index.ts`]),
);

export default defineConfig({
  test: {
    // `pnpm test` always leaves a machine-readable report; `.ci/run` turns it into one plain line.
    reporters: ['default', 'json'],
    outputFile: { json: `${root}.ci/out/vitest.json` },
    // Quiet by default: a test's console output shows only when it fails
    // (LEGATO_TEST_VERBOSE=1 shows it all).
    silent: process.env['LEGATO_TEST_VERBOSE'] ? false : 'passed-only',
    projects: [
      {
        // Type tests (`*.test-d.ts`) of every package, checked by tsc through vitest.
        resolve: { alias },
        test: {
          name: 'types',
          root,
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/*.test-d.ts'],
            tsconfig: `${root}tsconfig.json`,
          },
        },
      },
      {
        // Guides' runnable examples (docs/guides/examples) and the check that docs show them verbatim.
        resolve: { alias },
        test: {
          name: 'docs',
          root: `${root}docs`,
          include: ['**/*.test.ts'],
          exclude: ['api/**'],
          testTimeout: 60_000,
        },
      },
      {
        // Unit tests of the reference ABR baselines that bench/qoe.bench.ts compares legato with,
        // and of the bench helpers (bench/_lib: open bars).
        resolve: { alias },
        test: {
          name: 'bench',
          root: `${root}bench`,
          include: ['baselines/**/*.test.ts', '_lib/**/*.test.ts'],
        },
      },
      ...packages.map((name) => ({
        resolve: { alias },
        test: {
          name,
          root: `${root}packages/${name}`,
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});

import { defineConfig } from 'tsup';

/** Shared build for every package: run from the package folder (`tsup --config ../../tsup.config.ts`). */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  splitting: false,
});

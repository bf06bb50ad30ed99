import { defineConfig } from 'tsup';

/** The self-contained browser build: one minified ESM file, every dependency inlined. */
export default defineConfig({
  entry: { 'legato.browser': 'src/browser-bundle.ts' },
  outDir: 'dist/browser',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  noExternal: [/.*/],
  minify: true,
  sourcemap: true,
  // Types inlined too, so the subpath needs none of the packages it bundles.
  dts: { resolve: [/^@legato\//] },
  clean: false,
  splitting: false,
  treeshake: true,
});

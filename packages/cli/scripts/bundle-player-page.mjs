// Build step of @legato/cli: bundles the browser player page (src/demo/browser/player-page.ts and
// the legato sources it imports) into dist/player-page.js, so `legato demo --browser` and
// `--serve` run from the built CLI without bundling anything at run time.
import { writeFileSync } from 'node:fs';
import { bundleForBrowser } from '@legato/testkit';

const code = await bundleForBrowser(
  new URL('../src/demo/browser/player-page.ts', import.meta.url),
  // @legato/testkit is imported only for its scaled clock; its Node parts are tree-shaken away.
  { external: ['node:*', 'playwright-core'] },
);
writeFileSync(new URL('../dist/player-page.js', import.meta.url), code);

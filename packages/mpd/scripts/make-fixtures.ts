// Regenerates packages/mpd/fixtures/*.mpd from the deterministic generators.
// Run from the repo root: pnpm exec tsx packages/mpd/scripts/make-fixtures.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { amazonMpd } from '../src/_test/mpd-generators.js';

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));
writeFileSync(`${dir}amazon-sample.mpd`, amazonMpd());
console.log(`wrote ${dir}amazon-sample.mpd`);

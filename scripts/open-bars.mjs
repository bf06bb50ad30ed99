#!/usr/bin/env node
// Opens (or re-floors) the bars of one bench that its last run did not meet, as targets of an
// open issue: `node scripts/open-bars.mjs --issue 13 --bench qoe [--from .ci/out/bench]`.
// Each goes into bench/open-bars.json with the value measured now as its CI floor for the
// profile of that run (quick or full, read from the result), so the summary reports it as not
// met without failing, and fails when the code gets worse than today in that profile. Floors of
// the other profile are kept. A bar that passes loses this profile's floor and leaves the file
// once met everywhere: then it is enforced as written in the bench. The rules live in
// bench/_lib/open-bars.ts (tested in bench/_lib/open-bars.test.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const { parseOpenBars, recordOpenBars, formatOpenBars, BENCH_PROFILES } = await tsImport(
  '../bench/_lib/open-bars.ts',
  import.meta.url,
);
const { values } = parseArgs({
  options: {
    issue: { type: 'string' },
    bench: { type: 'string' },
    from: { type: 'string', default: process.env.LEGATO_BENCH_OUT ?? 'bench/results' },
  },
});
if (!values.issue || !Number.isInteger(Number(values.issue)) || !values.bench) {
  console.error('open-bars: expected --issue N --bench NAME [--from DIR]');
  process.exit(2);
}
const result = JSON.parse(readFileSync(`${values.from}/${values.bench}.json`, 'utf8'));
if (!BENCH_PROFILES.includes(result.profile)) {
  console.error(`open-bars: ${values.from}/${values.bench}.json names no profile (quick or full)`);
  process.exit(2);
}
const path = 'bench/open-bars.json';
const before = parseOpenBars(existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
const { file, changes } = recordOpenBars(
  before,
  values.bench,
  Number(values.issue),
  result.profile,
  result.bars,
);
writeFileSync(path, formatOpenBars(file));
for (const line of changes) console.log(`open-bars: ${line}`);
const open = Object.keys(file.benches[values.bench] ?? {}).length;
console.log(
  `open-bars: ${open} open bar(s) of ${values.bench} (floors recorded for the ${result.profile} profile)`,
);

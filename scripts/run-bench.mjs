#!/usr/bin/env node
// Runs every bench/*.bench.ts (each in its own process, sequentially, so they do not disturb each
// other), then writes bench/results/SUMMARY.md from their JSON and exits non-zero if a bar failed.
// Usage: pnpm bench [--quick] [name-filter]; --summary-only rewrites SUMMARY.md from the JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.LEGATO_BENCH_PROFILE === 'quick';
const filter = args.find((a) => !a.startsWith('--'));
const summaryOnly = args.includes('--summary-only');
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .filter(() => !summaryOnly)
  .sort();
mkdirSync('bench/results', { recursive: true });
let crashed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], {
    stdio: 'inherit',
    env: { ...process.env, LEGATO_BENCH_PROFILE: quick ? 'quick' : 'full' },
  });
  if (r.status !== 0) {
    console.error(`bench/${file} exited with ${r.status}`);
    crashed++;
  }
}
const results = readdirSync('bench/results')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`bench/results/${f}`, 'utf8')));
const lines = [
  '# Benchmark summary',
  '',
  '| bench | bar | value | target | pass |',
  '| --- | --- | --- | --- | --- |',
];
let failedBars = 0;
for (const res of results) {
  for (const b of res.bars ?? []) {
    if (!b.pass) failedBars++;
    lines.push(
      `| ${res.name} | ${b.name} | ${Number(b.value).toPrecision(4)} | ${b.op} ${b.target} | ${b.pass ? 'yes' : '**NO**'} |`,
    );
  }
}
for (const res of results) {
  if (!res.rows?.length) continue;
  const cols = [...new Set(res.rows.flatMap((row) => Object.keys(row)))];
  lines.push(
    '',
    `## ${res.name} (${res.profile}, ${res.date})`,
    '',
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
  );
  for (const row of res.rows) lines.push(`| ${cols.map((c) => fmt(row[c])).join(' | ')} |`);
  for (const n of res.notes ?? []) lines.push('', `> ${n}`);
}
writeFileSync('bench/results/SUMMARY.md', `${lines.join('\n')}\n`);
console.log(
  `\n${lines.slice(0, 4 + results.reduce((n, r) => n + (r.bars?.length ?? 0), 0)).join('\n')}`,
);
if (existsSync('bench/results/SUMMARY.md')) console.log('\nwrote bench/results/SUMMARY.md');
if (crashed || failedBars) {
  console.error(`bench: ${crashed} crashed, ${failedBars} bar(s) broken`);
  process.exit(1);
}

function fmt(v) {
  if (v === undefined || v === null) return '';
  return typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v);
}

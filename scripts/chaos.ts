// `pnpm chaos --runs N --seed S [--speed X]`: N seeded chaos runs (seeds S, S+1, …) of the engine
// on the loopback sandbox under random origin and license faults (planChaos of @legato/testkit),
// then a table per fault kind. Exits 1 if any run hung, raised an untyped error, appended a
// corrupted byte or left a response, socket or timer open after stop().

import { CHAOS_FAULT_KINDS } from '@legato/testkit';
import {
  type ChaosResult,
  chaosViolations,
  runChaos,
} from '../packages/engine/src/_test/run-chaos.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v))
    throw new Error(`--${name}: expected a number, received ${process.argv[i + 1]}`);
  return v;
};
const runs = arg('runs', 20);
const first = arg('seed', 1);
const speed = arg('speed', 40);

const results: ChaosResult[] = [];
for (let seed = first; seed < first + runs; seed++) {
  const r = await runChaos(seed, { speed });
  results.push(r);
  const bad = chaosViolations(r);
  console.log(
    `seed ${seed}: ${r.kinds.join(' + ')} → ${r.outcome}${r.fatalCode ? ` ${r.fatalCode}` : ''}` +
      ` (${r.verifiedSegments}/${r.segments} verified, ${r.watchdogEvents} watchdog, ` +
      `${(r.mediaMs / 1000).toFixed(0)} s media, ${(r.wallMs / 1000).toFixed(1)} s wall)` +
      (bad.length ? `  VIOLATION: ${bad.join('; ')}` : ''),
  );
}

const row = (label: string, rs: ChaosResult[]) => {
  const fatals = new Map<string, number>();
  for (const r of rs) if (r.fatalCode) fatals.set(r.fatalCode, (fatals.get(r.fatalCode) ?? 0) + 1);
  return [
    label,
    rs.length,
    rs.filter((r) => r.outcome === 'ended').length,
    rs.filter((r) => r.outcome === 'fatal').length,
    rs.filter((r) => r.outcome === 'hang').length,
    rs.reduce((n, r) => n + r.untypedErrors, 0),
    rs.reduce((n, r) => n + r.corruptedSegments, 0),
    rs.filter((r) => r.openResponsesAfterStop > 0 || r.leakedHandles.length > 0).length,
    rs.reduce((n, r) => n + r.watchdogEvents, 0),
    [...fatals].map(([c, n]) => `${c}×${n}`).join(' ') || '—',
  ];
};
const header = [
  'fault',
  'runs',
  'ended',
  'fatal',
  'hangs',
  'untyped',
  'corrupted',
  'open after stop',
  'watchdog',
  'fatal codes',
];
const table = [
  header,
  ...CHAOS_FAULT_KINDS.map((k) =>
    row(
      k,
      results.filter((r) => r.kinds.includes(k)),
    ),
  ),
  row('all runs', results),
];
console.log(`\n${runs} runs from seed ${first}, speed ${speed}×\n`);
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const line of table.slice(1)) console.log(`| ${line.join(' | ')} |`);
const broken = results.filter((r) => chaosViolations(r).length > 0);
if (broken.length) {
  console.error(
    `\n${broken.length} run(s) broke an invariant: seeds ${broken.map((r) => r.seed).join(', ')}`,
  );
  process.exit(1);
}

#!/usr/bin/env node
// What a consumer gets (CI, after scripts/check-packages.sh packed every package into
// .ci/out/packs): installs the tarballs with plain npm into throw-away projects and checks
//   1. all packages together → exactly one copy of rxjs (it is a peer dependency everywhere:
//      two copies would mean two Observable classes and broken interop);
//   2. the CLI without the testkit → no bundler (esbuild) and no browser driver
//      (playwright-core): `inspect` and `simulate` must not download them.
// Prints the install sizes, so a dependency that creeps in shows up in review.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const packs = resolve(process.argv[2] ?? '.ci/out/packs');
const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
if (tarballs.length === 0) {
  console.error(`consumer-install: no tarballs in ${packs} — run scripts/check-packages.sh first`);
  process.exit(1);
}
let failed = 0;

/** Installs `files` into a fresh project; returns its node_modules path and size in bytes. */
function install(label, files) {
  const dir = mkdtempSync(join(tmpdir(), 'legato-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
        ...files.map((f) => join(packs, f)),
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    const why =
      String(error.stderr ?? error.message)
        .split('\n')
        .find((l) => l.includes('error')) ?? '';
    console.error(`consumer-install: ${label}: npm install failed: ${why.trim()}`);
    failed++;
    return { dir, modules: join(dir, 'node_modules') };
  }
  const modules = join(dir, 'node_modules');
  const bytes = Number(execFileSync('du', ['-sb', modules], { encoding: 'utf8' }).split('\t')[0]);
  console.log(`consumer-install: ${label}: ${(bytes / 1e6).toFixed(1)} MB in node_modules`);
  return { dir, modules };
}

/** Every installed copy of package `name` below `modules` (paths of its package.json). */
function copiesOf(modules, name) {
  const found = [];
  const walk = (nm) => {
    if (!existsSync(nm)) return;
    for (const entry of readdirSync(nm)) {
      if (entry.startsWith('.')) continue;
      const dirs = entry.startsWith('@')
        ? readdirSync(join(nm, entry)).map((e) => join(nm, entry, e))
        : [join(nm, entry)];
      for (const d of dirs) {
        const pj = join(d, 'package.json');
        if (existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).name === name) found.push(pj);
        walk(join(d, 'node_modules'));
      }
    }
  };
  walk(modules);
  return found;
}

const all = install('all packages', tarballs);
const rx = copiesOf(all.modules, 'rxjs');
if (rx.length !== 1) {
  console.error(
    `consumer-install: expected one copy of rxjs, found ${rx.length}:\n  ${rx.join('\n  ')}`,
  );
  failed++;
} else console.log('consumer-install: all packages → one copy of rxjs');
rmSync(all.dir, { recursive: true, force: true });

const cliOnly = install(
  '@legato/cli without @legato/testkit',
  tarballs.filter((f) => !f.includes('testkit')),
);
for (const heavy of ['esbuild', 'playwright-core', '@legato/testkit']) {
  const copies = copiesOf(cliOnly.modules, heavy);
  if (copies.length > 0) {
    console.error(`consumer-install: @legato/cli pulled ${heavy} (${copies.length} copies)`);
    failed++;
  }
}
if (failed === 0)
  console.log('consumer-install: @legato/cli installs no bundler and no browser driver');
// …and its light commands work there, while the heavy ones say in one line what to install.
const legato = join(cliOnly.modules, '.bin', 'legato');
const run = (args) => {
  try {
    return { code: 0, out: execFileSync(legato, args, { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    return { code: error.status ?? -1, out: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
};
if (existsSync(legato)) {
  const inspect = run(['inspect', resolve('packages/mpd/fixtures/amazon-sample.mpd')]);
  if (inspect.code !== 0) {
    console.error(
      `consumer-install: legato inspect without the testkit failed (exit ${inspect.code}): ${inspect.out.trim().slice(0, 300)}`,
    );
    failed++;
  }
  const demo = run(['demo']);
  const lines = demo.out.trim().split('\n');
  if (demo.code !== 2 || lines.length !== 1 || !lines[0].includes('npm i @legato/testkit')) {
    console.error(
      `consumer-install: legato demo without the testkit: expected one line naming npm i @legato/testkit and exit 2, received exit ${demo.code}: ${demo.out.trim().slice(0, 300)}`,
    );
    failed++;
  } else
    console.log(`consumer-install: without the testkit, inspect works; demo says: ${lines[0]}`);
} else {
  console.error('consumer-install: the legato bin was not installed');
  failed++;
}
rmSync(cliOnly.dir, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);

#!/usr/bin/env node
/**
 * Builds only the workspace packages whose build inputs changed since their last build, quietly.
 * A package's inputs are its `src/` files (tests excluded), its package.json and tsconfig, and the
 * shared tsup/tsconfig base; their SHA-256 is kept in `dist/.build-inputs` after a good build.
 * Nothing stale: returns at once. Stale: one line naming them, the build output only on failure.
 *
 *   node scripts/build-stale.mjs            (used by `pnpm demo`)
 *   node scripts/build-stale.mjs --check    (exit 1 if anything is stale; builds nothing)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = ['tsup.config.ts', 'tsconfig.base.json', 'pnpm-lock.yaml'].map((f) => join(root, f));
const isTest = (name) =>
  /\.test(-d)?\.tsx?$/.test(name) || name === '_test' || name === '__test-helpers__';

function files(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (isTest(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out.sort();
}

/** The hash of everything a package's build reads. */
function inputsHash(pkgDir) {
  const hash = createHash('sha256');
  const inputs = [
    ...shared,
    join(pkgDir, 'package.json'),
    join(pkgDir, 'tsconfig.json'),
    ...files(join(pkgDir, 'src')),
  ];
  for (const extra of ['tsup.config.ts', 'scripts']) {
    const path = join(pkgDir, extra);
    if (existsSync(path)) inputs.push(...(statSync(path).isDirectory() ? files(path) : [path]));
  }
  for (const path of inputs) {
    if (!existsSync(path)) continue;
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

const packages = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return { dir, name: pkg.name, hasBuild: Boolean(pkg.scripts?.build) };
  })
  .filter((p) => p.hasBuild);

const stale = packages
  .map((p) => ({ ...p, hash: inputsHash(p.dir), stamp: join(p.dir, 'dist', '.build-inputs') }))
  .filter((p) => !existsSync(p.stamp) || readFileSync(p.stamp, 'utf8').trim() !== p.hash);

if (stale.length === 0) process.exit(0);
if (process.argv.includes('--check')) {
  console.error(`stale: ${stale.map((p) => p.name).join(', ')}`);
  process.exit(1);
}
const names = stale.map((p) => p.name.replace('@legato/', ''));
process.stdout.write(`building ${stale.length} changed package(s): ${names.join(', ')} … `);
const t0 = Date.now();
const filters = stale.flatMap((p) => ['--filter', p.name]);
const result = spawnSync('pnpm', ['-r', '--workspace-concurrency=2', ...filters, 'run', 'build'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (result.status !== 0) {
  process.stdout.write('FAILED\n');
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  process.exit(result.status ?? 1);
}
for (const p of stale) writeFileSync(p.stamp, `${p.hash}\n`);
process.stdout.write(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);

#!/usr/bin/env node
// The other half of "the documented graph is the enforced graph" (dependency-cruiser enforces
// imports ⊆ graph, from .dependency-cruiser.cjs): every edge docs/architecture.md draws is a
// real import of the package's runtime code and a declared dependency, and every @legato
// dependency a package.json declares is drawn. errors is implicit (every package may use it).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { readArchitectureGraph } = require('./architecture-graph.cjs');
const { runtime, bundle } = readArchitectureGraph();
const TEST = /(\.test(-d)?\.ts$|\.prop\.test\.ts$|\/_test\/|\/__test-helpers__\/)/;
const problems = [];

function runtimeImports(pkg) {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !TEST.test(path)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/from '@legato\/([a-z-]+)/g))
          found.add(m[1]);
      }
    }
  };
  walk(`packages/${pkg}/src`);
  found.delete(pkg);
  found.delete('errors');
  return found;
}

const names = (deps) =>
  Object.keys(deps ?? {})
    .filter((d) => d.startsWith('@legato/'))
    .map((d) => d.slice(8));
for (const pkg of readdirSync('packages').sort()) {
  if (!runtime.has(pkg)) {
    problems.push(`${pkg}: not in the graph of docs/architecture.md`);
    continue;
  }
  const drawn = new Set([...runtime.get(pkg)].filter((d) => d !== 'errors'));
  const bundled = bundle.get(pkg) ?? new Set();
  const json = JSON.parse(readFileSync(`packages/${pkg}/package.json`, 'utf8'));
  const declared = new Set(
    [...names(json.dependencies), ...names(json.peerDependencies)].filter((d) => d !== 'errors'),
  );
  const dev = new Set(names(json.devDependencies));
  const imported = runtimeImports(pkg);
  for (const d of drawn) {
    if (!imported.has(d))
      problems.push(`${pkg} → ${d}: drawn, but no runtime file imports @legato/${d}`);
    if (!declared.has(d))
      problems.push(
        `${pkg} → ${d}: drawn, but not in its package.json dependencies or peerDependencies`,
      );
  }
  for (const d of declared)
    if (!drawn.has(d)) problems.push(`${pkg} → ${d}: a dependency in package.json, not drawn`);
  for (const d of bundled) {
    if (!imported.has(d))
      problems.push(`${pkg} -.-> ${d}: drawn, but no runtime file imports @legato/${d}`);
    if (!dev.has(d)) problems.push(`${pkg} -.-> ${d}: a bundle-only edge must be a devDependency`);
  }
  for (const d of imported)
    if (!drawn.has(d) && !bundled.has(d)) problems.push(`${pkg} → ${d}: imported, not drawn`);
}
for (const p of problems) console.error(`architecture graph: ${p}`);
if (problems.length === 0)
  console.log(
    `architecture graph: docs/architecture.md matches the imports and package.json of ${runtime.size} packages`,
  );
process.exit(problems.length > 0 ? 1 : 0);

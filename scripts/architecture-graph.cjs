// The package graph of docs/architecture.md is the one source of truth for which package may
// import which: this module reads it (the ```mermaid graph TD block under "## Code map"), and
// .dependency-cruiser.cjs turns it into rules, scripts/check-architecture-graph.mjs checks the
// other direction (every documented edge is a real import and a declared dependency).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Edges of the documented graph: `{ runtime: Map<pkg, Set<pkg>>, bundle: Map<pkg, Set<pkg>> }`.
 * `a --> b & c` is a runtime import; `a -.->|…| b` is an import only a self-contained bundle
 * entry makes (a dev dependency). `errors` is implicit: every package may import it.
 */
function readArchitectureGraph(root = join(__dirname, '..')) {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const block = /## Code map[\s\S]*?```mermaid\s*\ngraph TD\n([\s\S]*?)```/.exec(doc);
  if (!block)
    throw new Error('docs/architecture.md: no ```mermaid graph TD block under "## Code map"');
  const runtime = new Map();
  const bundle = new Map();
  const node = (text) => text.trim().replace(/\[.*\]$/, '');
  for (const line of block[1].split('\n')) {
    const edge = /^\s*([\w-]+(?:\[[^\]]*\])?)\s*(-->|-\.->)(?:\|[^|]*\|)?\s*(.+)$/.exec(line);
    if (!edge) {
      const lone = /^\s*([\w-]+)\[[^\]]*\]\s*$/.exec(line);
      if (lone && !runtime.has(lone[1])) runtime.set(lone[1], new Set());
      continue;
    }
    const from = node(edge[1]);
    if (!runtime.has(from)) runtime.set(from, new Set());
    const into = edge[2] === '-->' ? runtime : bundle;
    if (!into.has(from)) into.set(from, new Set());
    for (const to of edge[3].split('&')) into.get(from).add(node(to));
  }
  return { runtime, bundle };
}

module.exports = { readArchitectureGraph };

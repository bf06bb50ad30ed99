#!/usr/bin/env node
// Keeps the code in docs/**/*.md and packages/*/README.md identical to regions of test files, so
// examples cannot rot: a block preceded by `<!-- example: <file>#<region> -->` must equal the
// lines between `// #region <region>` and `// #endregion` in <file> (dedented).
// `node scripts/doc-examples.mjs --update` rewrites the blocks; `docs/doc-examples.test.ts` checks.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = /<!-- example: ([^#\s]+)#([\w-]+) -->\n```(\w+)\n([\s\S]*?)```/g;

/** Markdown files that may hold example markers. */
export function markdownFiles(root = '.') {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = join(dir, name);
      if (name === 'node_modules' || name === 'api' || name === 'dist') continue;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  for (const pkg of readdirSync(join(root, 'packages')))
    out.push(join('packages', pkg, 'README.md'));
  return out;
}

/** The dedented text of `// #region name` … `// #endregion` in `file`. */
export function readRegion(root, file, region) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
  if (start < 0) throw new Error(`${file}: no '// #region ${region}'`);
  const end = lines.findIndex((l, i) => i > start && l.trim().startsWith('// #endregion'));
  if (end < 0) throw new Error(`${file}: region ${region} has no '// #endregion'`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return `${body.map((l) => l.slice(indent)).join('\n')}\n`;
}

/** Every example block of every markdown file: where it is, what it shows, what it should show. */
export function collectExamples(root = '.') {
  const found = [];
  for (const md of markdownFiles(root)) {
    let text;
    try {
      text = readFileSync(join(root, md), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(MARKER)) {
      found.push({
        md,
        file: m[1],
        region: m[2],
        shown: m[4],
        expected: readRegion(root, m[1], m[2]),
      });
    }
  }
  return found;
}

if (process.argv[1]?.endsWith('doc-examples.mjs') && process.argv.includes('--update')) {
  for (const md of markdownFiles('.')) {
    let text;
    try {
      text = readFileSync(md, 'utf8');
    } catch {
      continue;
    }
    const next = text.replace(MARKER, (_all, file, region, lang) => {
      return `<!-- example: ${file}#${region} -->\n\`\`\`${lang}\n${readRegion('.', file, region)}\`\`\``;
    });
    if (next !== text) {
      writeFileSync(md, next);
      console.log(`updated ${md}`);
    }
  }
}

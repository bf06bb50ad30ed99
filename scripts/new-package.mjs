#!/usr/bin/env node
// Scaffolds packages/<name> with the repo's package conventions. Usage: node scripts/new-package.mjs <name> "<description>" [dep ...]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description = '', ...deps] = process.argv.slice(2);
if (!name) throw new Error('usage: new-package.mjs <name> "<description>" [dep ...]');
const dir = join('packages', name);
if (existsSync(join(dir, 'package.json'))) throw new Error(`${dir} exists`);
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name: `@legato/${name}`,
  version: '0.1.0',
  description,
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: false,
  files: ['dist'],
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  scripts: { build: 'tsup --config ../../tsup.config.ts' },
  dependencies: Object.fromEntries(
    deps.map((d) => [d, d.startsWith('@legato/') ? 'workspace:*' : '*']),
  ),
};
writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(dir, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }, null, 2)}\n`,
);
if (!existsSync(join(dir, 'src/index.ts')))
  writeFileSync(join(dir, 'src/index.ts'), 'export {};\n');
writeFileSync(join(dir, 'README.md'), `# @legato/${name}\n\n${description}\n`);
console.log(`created ${dir}`);

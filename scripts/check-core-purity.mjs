#!/usr/bin/env node
// Architecture invariant: pure cores (every `core` folder under packages/*/src, and the whole of the
// pure packages) use no timers, clocks, randomness, DOM or I/O globals. Time and randomness arrive
// as arguments. dependency-cruiser checks the imports; this checks the globals.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const purePackages = ['errors', 'isobmff', 'mpd', 'sim'];
const forbidden = [
  [/\bsetTimeout\s*\(|\bsetInterval\s*\(|\bsetImmediate\s*\(|\bqueueMicrotask\s*\(/, 'timer'],
  [/\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bperformance\.now\s*\(/, 'clock'],
  [/\bMath\.random\s*\(/, 'randomness (inject an rng)'],
  [/\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b/, 'network I/O'],
  [/\b(window|document|navigator|localStorage)\./, 'DOM global'],
  [/\bprocess\.(env|stdout|stderr|hrtime|exit)\b/, 'process global'],
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(p)) yield p;
  }
}

/** Every folder named `core` below `dir` (e.g. `src/core`, `src/media/core`). */
function coreDirs(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (name === 'core') found.push(p);
    else found.push(...coreDirs(p));
  }
  return found;
}

const roots = [];
for (const pkg of readdirSync('packages')) {
  const src = join('packages', pkg, 'src');
  if (purePackages.includes(pkg)) roots.push(src);
  else roots.push(...coreDirs(src));
}
let violations = 0;
let files = 0;
for (const root of roots) {
  for (const file of walk(root)) {
    files++;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line
        .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''")
        .replace(/\/\/.*$/, '');
      if (/^\s*(\*|\/\*)/.test(code)) return;
      for (const [re, what] of forbidden) {
        if (re.test(code)) {
          console.error(`${file}:${i + 1}: ${what} in a pure core: ${line.trim()}`);
          violations++;
        }
      }
    });
  }
}
console.log(`core purity: ${files} files checked, ${violations} violation(s)`);
process.exit(violations ? 1 : 0);

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest `shared/data/` folder at or above `from` (a path, or a `file:` URL such as the
 * caller's `import.meta.url`), with a trailing slash; undefined when there is none. The shared
 * data set lies beside the repository (`../shared/data` from its root, as CI lays it out), so
 * walking up finds it from the main checkout and from a worktree alike.
 */
export function findSharedDataDir(from: string | URL): string | undefined {
  const start = resolve(fromPath(from));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(candidate)) return `${candidate}/`;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * {@link findSharedDataDir}, for tests that cannot run without the data: throws an error that
 * says where it looked and how to lay the data out when there is no `shared/data/` above `from`.
 */
export function sharedDataDir(from: string | URL): string {
  const dir = findSharedDataDir(from);
  if (dir !== undefined) return dir;
  throw new Error(
    `shared/data not found at or above ${resolve(fromPath(from))}. legato's tests and benches ` +
      'read the shared data set (network traces, the real-world corpus, the Sabre reference) ' +
      'from ../shared/data beside the repository: put the shared/ folder next to your clone, ' +
      'or link it there (from the repository root: ln -s /path/to/shared ../shared).',
  );
}

function fromPath(from: string | URL): string {
  return from instanceof URL || from.startsWith('file:') ? fileURLToPath(from) : from;
}

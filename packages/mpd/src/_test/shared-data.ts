import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `shared/data/` beside the repository (`../shared/data` from the repo root, as CI lays it
 * out): the nearest `shared/data` up from this file, so tests run the same from the main
 * checkout and from a worktree.
 */
export function sharedDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('shared/data not found above the repository');
    dir = up;
  }
}

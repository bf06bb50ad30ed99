import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `../shared/data/real-world/media` from the repository root (how CI lays it out beside the
 * clone): the nearest such folder up from here, so the test runs from a worktree too; undefined
 * when there is none.
 */
export function realWorldMediaDir(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'real-world', 'media');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

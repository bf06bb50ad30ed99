import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LegatoError } from '@legato/errors';

function stat(path: string) {
  try {
    return statSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw cause;
  }
}

/** Checks, before any work, that `path` (given as `flag`) is an existing regular file; returns it resolved. */
export function existingFile(flag: string, path: string): string {
  const full = resolve(path);
  const st = stat(full);
  if (st === undefined) {
    throw new LegatoError('INVALID_ARGUMENT', `${flag}: no such file: ${path}`);
  }
  if (!st.isFile()) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${flag}: expected a file, received a ${st.isDirectory() ? 'directory' : 'special file'}: ${path}`,
    );
  }
  return full;
}

/** Checks, before any work, that a file can be written at `path`: its folder exists and it is not a folder. */
export function writableFilePath(flag: string, path: string): string {
  const full = resolve(path);
  const st = stat(full);
  if (st?.isDirectory()) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${flag}: expected a file path, received a directory: ${path}`,
    );
  }
  const parent = stat(dirname(full));
  if (parent === undefined || !parent.isDirectory()) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${flag}: no such directory: ${dirname(full)} (for ${path})`,
    );
  }
  return full;
}

/** Checks, before any work, that `path` is a directory or can be created as one (nearest existing ancestor is a folder). */
export function outputDirectory(flag: string, path: string): string {
  const full = resolve(path);
  let probe = full;
  for (;;) {
    const st = stat(probe);
    if (st !== undefined) {
      if (st.isDirectory()) return full;
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `${flag}: expected a directory, received a file: ${probe === full ? path : probe}`,
      );
    }
    const up = dirname(probe);
    if (up === probe) return full;
    probe = up;
  }
}

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Chromium was found, or why not. */
export type ChromiumLocation =
  | { readonly available: true; readonly executablePath: string }
  | { readonly available: false; readonly reason: string };

/** Options of {@link findChromium}. */
export interface FindChromiumOptions {
  /**
   * Executables to try, in order; bare names are searched on `PATH`.
   * @default [process.env.LEGATO_CHROMIUM, '/usr/bin/chromium', 'chromium', 'chromium-browser']
   */
  readonly candidates?: readonly string[];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a Chromium executable (Debian's `chromium` by default); never throws. */
export function findChromium(options: FindChromiumOptions = {}): ChromiumLocation {
  const fromEnv = process.env.LEGATO_CHROMIUM;
  const candidates = options.candidates ?? [
    ...(fromEnv ? [fromEnv] : []),
    '/usr/bin/chromium',
    'chromium',
    'chromium-browser',
  ];
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const candidate of candidates) {
    const paths = candidate.includes('/') ? [candidate] : dirs.map((dir) => join(dir, candidate));
    const found = paths.find(isExecutable);
    if (found !== undefined) return { available: true, executablePath: found };
  }
  return {
    available: false,
    reason: `no Chromium executable among ${candidates.join(', ')} (Debian: apt-get install chromium)`,
  };
}

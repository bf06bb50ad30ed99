import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a committed fixture made by `scripts/make-fixtures.sh` (real ffmpeg output). */
export function fixture(name: 'flac-2s.mp4' | 'opus-2s.mp4'): Uint8Array {
  return new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))),
  );
}

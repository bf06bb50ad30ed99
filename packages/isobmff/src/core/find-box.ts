import { readChildBoxes } from './box-children.js';
import type { BoxHeader } from './box-header.js';
import { readBoxes } from './read-boxes.js';

/**
 * Every box at a slash-separated `path` of types under `[startOffset, endOffset)`, in file
 * order: `findBoxes(init, 'moov/trak')` lists each track. Containers are entered as
 * {@link readChildBoxes} defines them (sample entries and `stsd` included).
 */
export function findBoxes(
  bytes: Uint8Array,
  path: string,
  startOffset = 0,
  endOffset: number = bytes.length,
): BoxHeader[] {
  const parts = path.split('/').filter((p) => p.length > 0);
  const out: BoxHeader[] = [];
  collect(bytes, readBoxes(bytes, startOffset, endOffset), parts, 0, out, false);
  return out;
}

/**
 * The first box at a slash-separated `path` (e.g. `moov/trak/mdia/minf/stbl/stsd`), or
 * undefined. Stops walking as soon as it is found.
 *
 * @example
 * ```ts
 * const tenc = findBox(init, 'moov/trak/mdia/minf/stbl/stsd/enca/sinf/schi/tenc');
 * ```
 */
export function findBox(
  bytes: Uint8Array,
  path: string,
  startOffset = 0,
  endOffset: number = bytes.length,
): BoxHeader | undefined {
  const parts = path.split('/').filter((p) => p.length > 0);
  const out: BoxHeader[] = [];
  collect(bytes, readBoxes(bytes, startOffset, endOffset), parts, 0, out, true);
  return out[0];
}

function collect(
  bytes: Uint8Array,
  level: Iterable<BoxHeader>,
  parts: readonly string[],
  depth: number,
  out: BoxHeader[],
  firstOnly: boolean,
): boolean {
  const want = parts[depth];
  if (want === undefined) return false;
  for (const box of level) {
    if (box.type !== want) continue;
    if (depth === parts.length - 1) {
      out.push(box);
      if (firstOnly) return true;
    } else if (collect(bytes, readChildBoxes(bytes, box), parts, depth + 1, out, firstOnly)) {
      return true;
    }
  }
  return false;
}

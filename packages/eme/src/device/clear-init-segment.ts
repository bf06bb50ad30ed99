import {
  findNodes,
  parseBoxTree,
  parseSinf,
  serializeBox,
  serializeBoxTree,
} from '@legato/isobmff';

/**
 * The init segment a clear decoder expects: every `enca` sample entry renamed back to its
 * `frma` original format and its `sinf` removed. Unprotected entries are left unchanged.
 */
export function clearInitSegment(bytes: Uint8Array): Uint8Array {
  const tree = parseBoxTree(bytes);
  for (const stsd of findNodes(tree, 'moov/trak/mdia/minf/stbl/stsd')) {
    for (const entry of stsd.children ?? []) {
      const sinfIndex = entry.children?.findIndex((c) => c.type === 'sinf') ?? -1;
      if (sinfIndex < 0 || !entry.children) continue;
      const sinf = entry.children[sinfIndex]!;
      entry.type = parseSinf(serializeBox(sinf)).originalFormat;
      entry.children.splice(sinfIndex, 1);
    }
  }
  return serializeBoxTree(tree);
}

import type { AdaptationSetLike } from '../core/adaptation-set-like.js';

/**
 * Partitions adaptation sets into switching groups: sets joined (in either direction) by
 * `switchableWith` belong together. Returns the group number of each set, by position.
 */
export function switchingGroups(sets: readonly AdaptationSetLike[]): number[] {
  const parent = sets.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    return root;
  };
  const byId = new Map<string, number>();
  sets.forEach((set, i) => {
    if (set.id !== null && !byId.has(set.id)) byId.set(set.id, i);
  });
  sets.forEach((set, i) => {
    for (const other of set.switchableWith) {
      const j = byId.get(other);
      if (j !== undefined) parent[find(i)] = find(j);
    }
  });
  return sets.map((_, i) => find(i));
}

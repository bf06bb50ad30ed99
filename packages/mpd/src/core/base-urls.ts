import { resolveUrl } from './resolve-url.js';

/**
 * Resolves one level's BaseURL references against each parent alternative (RFC 3986), keeping
 * document order (parent-major) and dropping duplicates; at most `max` results. With no
 * references at this level the parent's list is inherited unchanged.
 */
export function combineBaseUrls(
  parents: readonly string[],
  references: readonly string[],
  max: number,
): readonly string[] {
  if (references.length === 0) return parents;
  const out: string[] = [];
  const bases = parents.length === 0 ? [''] : parents;
  for (const base of bases) {
    for (const ref of references) {
      const url = resolveUrl(ref, base);
      if (!out.includes(url)) out.push(url);
      if (out.length >= max) return out;
    }
  }
  return out;
}

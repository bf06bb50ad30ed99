import { availabilityTimeOffsetAttr, boolAttr } from '../_internal/attributes.js';
import { textOf } from '../_internal/children.js';
import { attemptAt, type Scope } from './diagnostics.js';
import { resolveUrl } from './resolve-url.js';
import type { XmlElement } from './xml-reader.js';

/** One `BaseURL` element as written: its reference and availability attributes. */
export interface BaseUrlRef {
  readonly reference: string;
  /** `@availabilityTimeOffset` in seconds (Infinity for `INF`), or null. */
  readonly availabilityTimeOffsetS: number | null;
  /** `@availabilityTimeComplete`, or null. */
  readonly availabilityTimeComplete: boolean | null;
}

/**
 * One resolved BaseURL alternative with the availability its chain of BaseURL elements gives
 * (ISO/IEC 23009-1 §5.6): the `@availabilityTimeOffset`s along the chain add up, as RxPlayer reads them (null
 * when none is given); the innermost `@availabilityTimeComplete` given applies.
 */
export interface BaseUrlEntry {
  readonly url: string;
  readonly availabilityTimeOffsetS: number | null;
  readonly availabilityTimeComplete: boolean | null;
}

/** The root alternative: the document URL (none when unknown). */
export function documentBaseUrls(url: string | null): readonly BaseUrlEntry[] {
  return url === null
    ? []
    : [{ url, availabilityTimeOffsetS: null, availabilityTimeComplete: null }];
}

/** Reads a `BaseURL` element; null when it is empty. A malformed attribute is reported and ignored. */
export function readBaseUrlRef(el: XmlElement, scope: Scope): BaseUrlRef | null {
  const reference = textOf(el);
  if (reference === '') return null;
  return {
    reference,
    availabilityTimeOffsetS: attemptAt(
      scope,
      () => availabilityTimeOffsetAttr(el),
      null,
      '@availabilityTimeOffset ignored',
    ),
    availabilityTimeComplete: attemptAt(
      scope,
      () => boolAttr(el, 'availabilityTimeComplete'),
      null,
      '@availabilityTimeComplete ignored',
    ),
  };
}

/** The URLs of `entries`, in order. */
export function urlsOf(entries: readonly BaseUrlEntry[]): readonly string[] {
  return entries.map((e) => e.url);
}

function addOffsets(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

/**
 * Resolves one level's BaseURL references against each parent alternative (RFC 3986), keeping
 * document order (parent-major) and dropping duplicate URLs; at most `max` results. With no
 * references at this level the parent's list is inherited unchanged.
 */
export function combineBaseUrls(
  parents: readonly BaseUrlEntry[],
  references: readonly BaseUrlRef[],
  max: number,
): readonly BaseUrlEntry[] {
  if (references.length === 0) return parents;
  const out: BaseUrlEntry[] = [];
  const bases = parents.length === 0 ? documentBaseUrls('') : parents;
  for (const base of bases) {
    for (const ref of references) {
      const url = resolveUrl(ref.reference, base.url);
      if (out.some((e) => e.url === url)) continue;
      out.push({
        url,
        availabilityTimeOffsetS: addOffsets(
          base.availabilityTimeOffsetS,
          ref.availabilityTimeOffsetS,
        ),
        availabilityTimeComplete: ref.availabilityTimeComplete ?? base.availabilityTimeComplete,
      });
      if (out.length >= max) return out;
    }
  }
  return out;
}

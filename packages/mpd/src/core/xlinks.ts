import { LegatoError } from '@legato/errors';
import { firstElement, nextElement } from '../_internal/children.js';
import { childScope, reportAt, type Scope } from './diagnostics.js';
import { type XmlElement, XmlNamespaces } from './xml-reader.js';

/** Resolved xlinks: each element with `xlink:href` → the remote elements replacing it. */
export type XlinkResolutions = ReadonlyMap<XmlElement, readonly XmlElement[]>;

/** `xlink:href` that removes its element (ISO/IEC 23009-1 §5.5.3). */
export const RESOLVE_TO_ZERO = 'urn:mpeg:dash:resolve-to-zero:2013';

/** An element still carrying `xlink:href` was not resolved: reported, used as written. */
export function reportXlink(el: XmlElement, scope: Scope): void {
  const href = el.getAttributeNS(XmlNamespaces.xlink, 'href');
  if (href === null) return;
  reportAt(
    scope,
    new LegatoError(
      'MPD_XLINK_UNRESOLVED',
      `<${el.localName}> xlink:href: expected a resolved remote element (parseMpdWithXlinks), received an unresolved link`,
      { details: { element: el.localName } },
    ),
    'repaired',
    'the element is used as written',
  );
}

/**
 * `c` with its xlink applied: the remote elements of the same name that replace it (a remote
 * element may itself have been a link: expanded in turn), none for `resolve-to-zero`, else `c`.
 */
export function linkedElements(c: XmlElement, xlinks: XlinkResolutions | null): XmlElement[] {
  const out: XmlElement[] = [];
  const add = (e: XmlElement): void => {
    const resolved = xlinks?.get(e);
    if (resolved !== undefined) {
      for (const r of resolved) if (r.localName === e.localName) add(r);
    } else if (e.getAttributeNS(XmlNamespaces.xlink, 'href')?.trim() !== RESOLVE_TO_ZERO) {
      out.push(e);
    }
  };
  add(c);
  return out;
}

/**
 * The children of `el` in `ns`, each resolved xlink replaced by its remote elements of the same
 * name, and each `resolve-to-zero` link left out.
 */
export function childrenOf(
  el: XmlElement,
  ns: string | null,
  xlinks: XlinkResolutions | null,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI !== ns) continue;
    // Most children carry no link: no closure or array for them.
    if (xlinks?.has(c) !== true && c.getAttributeNS(XmlNamespaces.xlink, 'href') === null) {
      out.push(c);
    } else {
      for (const r of linkedElements(c, xlinks)) out.push(r);
    }
  }
  return out;
}

/**
 * The `SegmentList` to read in place of `c`: its remote replacement (the first, as a level has
 * one SegmentList), null when the link removes it, or `c` itself — an unresolved link is
 * reported at `scope` and `c` used as written.
 */
export function linkedSegmentList(
  c: XmlElement,
  xlinks: XlinkResolutions | null,
  scope: Scope,
): XmlElement | null {
  const [first] = linkedElements(c, xlinks);
  if (first === undefined) return null;
  reportXlink(first, childScope(scope, 'SegmentList'));
  return first;
}

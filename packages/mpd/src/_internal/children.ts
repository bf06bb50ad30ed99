import type { XmlElement, XmlNode } from '../core/xml-reader.js';

/** The first child element, or null (text, comments and PIs are skipped). */
export function firstElement(parent: XmlElement): XmlElement | null {
  let n: XmlNode | null = parent.firstChild;
  while (n !== null && n.nodeType !== 1) n = n.nextSibling;
  return n as XmlElement | null;
}

/** The next sibling element, or null. */
export function nextElement(el: XmlNode): XmlElement | null {
  let n: XmlNode | null = el.nextSibling;
  while (n !== null && n.nodeType !== 1) n = n.nextSibling;
  return n as XmlElement | null;
}

/** Trimmed text content of an element ('' when empty). */
export function textOf(el: XmlElement): string {
  return (el.textContent ?? '').trim();
}

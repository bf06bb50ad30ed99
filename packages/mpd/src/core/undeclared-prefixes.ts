import { wellKnownXmlPrefixes } from './xml-reader.js';

const NAME = '[A-Za-z_][\\w.-]*';
const ELEMENT_PREFIX = new RegExp(`<\\/?(${NAME}):${NAME}`, 'g');
const ATTRIBUTE_PREFIX = new RegExp(`\\s(${NAME}):${NAME}\\s*=`, 'g');
const DECLARED = new RegExp(`xmlns:(${NAME})\\s*=`, 'g');

/**
 * Prefixes used on element or attribute names that no `xmlns:` in the document declares, in
 * order of first use. A text scan: a prefix that only looks used (inside a comment or a value)
 * is harmless to declare.
 */
export function undeclaredPrefixes(xml: string): string[] {
  const declared = new Set(['xml', 'xmlns']);
  for (const m of xml.matchAll(DECLARED)) declared.add(m[1]!);
  const out: string[] = [];
  for (const re of [ELEMENT_PREFIX, ATTRIBUTE_PREFIX]) {
    for (const m of xml.matchAll(re)) {
      const p = m[1]!;
      if (!declared.has(p) && !out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** The namespace URI an undeclared prefix is given: the well-known one, else a private URN. */
export function namespaceForPrefix(prefix: string): string {
  return Object.hasOwn(wellKnownXmlPrefixes, prefix)
    ? wellKnownXmlPrefixes[prefix]!
    : `urn:legato:undeclared-prefix:${prefix}`;
}

/**
 * `xml` with `xmlns:prefix` declarations added to the root start tag, on the same line (line
 * and column numbers of everything after it move right only on that line). Null when there is
 * no root start tag.
 */
export function declarePrefixes(xml: string, prefixes: readonly string[]): string | null {
  const root = /<[A-Za-z_][\w.:-]*/g;
  let m: RegExpExecArray | null = root.exec(xml);
  // Skip a start tag inside a comment or the DOCTYPE: the root is the first name after them.
  while (m !== null && insideMarkup(xml, m.index)) m = root.exec(xml);
  if (m === null) return null;
  const at = m.index + m[0].length;
  const decl = prefixes.map((p) => ` xmlns:${p}="${namespaceForPrefix(p)}"`).join('');
  return xml.slice(0, at) + decl + xml.slice(at);
}

function insideMarkup(xml: string, at: number): boolean {
  const open = xml.lastIndexOf('<!--', at);
  return open >= 0 && xml.indexOf('-->', open) > at;
}

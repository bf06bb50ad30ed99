/** What {@link scanXmlShape} measured. */
export interface XmlShape {
  /** Deepest element nesting seen (`maxDepth + 1` when the scan stopped on it). */
  readonly depth: number;
  /** Elements plus attributes seen (`maxNodes + 1` when the scan stopped on it). */
  readonly nodes: number;
  /** `xmlns` / `xmlns:p` declarations seen (each costs the XML parser a namespace scope copy). */
  readonly namespaces: number;
  /** `&` entity and character references (`maxReferences + 1` when over). */
  readonly references: number;
  /**
   * Prefixes used on element or attribute names that no `xmlns:` in the document declares
   * (`xml` excepted), in order of first use; at most `maxNamespaces`.
   */
  readonly undeclaredPrefixes: readonly string[];
}

/** Limits of {@link scanXmlShape}. */
export interface XmlShapeLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxNamespaces: number;
  readonly maxReferences: number;
}

/** Counts `&` up to `max + 1` (a reference each in well-formed XML). */
function countReferences(xml: string, max: number): number {
  let n = 0;
  for (let i = xml.indexOf('&'); i >= 0 && n <= max; i = xml.indexOf('&', i + 1)) n++;
  return n;
}

/**
 * The deepest element nesting, the number of elements + attributes, namespace declarations and
 * references in `xml`, and the prefixes it uses without declaring them — found by a single
 * linear scan of the markup (comments, CDATA, processing instructions and quoted attribute
 * values are skipped). The scan stops as soon as a limit is exceeded. Malformed markup gives an
 * estimate; the XML parser rejects it afterwards.
 */
export function scanXmlShape(xml: string, limits: XmlShapeLimits): XmlShape {
  const { maxDepth, maxNodes, maxNamespaces } = limits;
  const references = countReferences(xml, limits.maxReferences);
  const st: ScanState = {
    nodes: 0,
    namespaces: 0,
    used: new Set(),
    declared: new Set(),
    maxNamespaces,
  };
  const shape = (depth: number): XmlShape => ({
    depth,
    nodes: st.nodes,
    namespaces: st.namespaces,
    references,
    undeclaredPrefixes: [...st.used].filter((p) => !st.declared.has(p) && p !== 'xml'),
  });
  if (references > limits.maxReferences) return shape(0);
  let depth = 0;
  let max = 0;
  const n = xml.length;
  let i = xml.indexOf('<');
  while (i >= 0 && i < n) {
    const c = xml.charCodeAt(i + 1);
    if (c === 47 /* / */) {
      depth--;
      i = xml.indexOf('>', i + 2);
    } else if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', i)) i = xml.indexOf('-->', i + 4);
      else if (xml.startsWith('<![CDATA[', i)) i = xml.indexOf(']]>', i + 9);
      else i = skipDeclaration(xml, i + 2);
    } else if (c === 63 /* ? */) {
      i = xml.indexOf('?>', i + 2);
    } else {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > maxDepth) return shape(max);
      }
      i = endOfTag(xml, i + 1, st);
      if (st.nodes > maxNodes || st.namespaces > maxNamespaces) return shape(max);
      if (i > 0 && xml.charCodeAt(i - 1) === 47) depth--;
    }
    if (i < 0) break;
    i = xml.indexOf('<', i + 1);
  }
  return shape(max);
}

interface ScanState {
  nodes: number;
  namespaces: number;
  readonly used: Set<string>;
  readonly declared: Set<string>;
  readonly maxNamespaces: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function usePrefix(st: ScanState, prefix: string): void {
  if (st.used.size < st.maxNamespaces) st.used.add(prefix);
}

/**
 * Scans a start tag from its name to the closing `>` (returned; -1 when none), counting the
 * element, its attributes and namespace declarations, and noting the prefixes used and declared.
 */
function endOfTag(xml: string, from: number, st: ScanState): number {
  st.nodes++;
  let i = from;
  let colon = -1;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (isSpace(c) || c === 47 || c === 62) break;
    if (c === 58 && colon < 0) colon = i;
  }
  if (colon > from) usePrefix(st, xml.slice(from, colon));
  let nameStart = -1;
  colon = -1;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 61 /* = */) {
      st.nodes++;
      if (nameStart >= 0 && xml.startsWith('xmlns', nameStart)) {
        st.namespaces++;
        if (colon === nameStart + 5) st.declared.add(xml.slice(colon + 1, i).trim());
      } else if (colon > nameStart && nameStart >= 0) {
        usePrefix(st, xml.slice(nameStart, colon));
      }
      nameStart = -1;
      colon = -1;
    } else if (c === 34 || c === 39) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (isSpace(c)) {
      nameStart = i + 1;
      colon = -1;
    } else if (c === 58 && colon < 0) {
      colon = i;
    }
  }
  return -1;
}

/** Index of the `>` closing a `<!DOCTYPE …>` (with an optional `[…]` internal subset). */
function skipDeclaration(xml: string, from: number): number {
  const gt = xml.indexOf('>', from);
  const bracket = xml.indexOf('[', from);
  if (bracket >= 0 && (gt < 0 || bracket < gt)) {
    const close = xml.indexOf(']', bracket);
    return close < 0 ? -1 : xml.indexOf('>', close);
  }
  return gt;
}

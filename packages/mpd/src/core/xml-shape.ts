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
 * The deepest element nesting and the number of elements + attributes in `xml`, found by a
 * single linear scan of the markup (comments, CDATA, processing instructions and quoted
 * attribute values are skipped). The scan stops as soon as a limit is exceeded. Malformed
 * markup gives an estimate; the XML parser rejects it afterwards.
 */
export function scanXmlShape(xml: string, limits: XmlShapeLimits): XmlShape {
  const { maxDepth, maxNodes, maxNamespaces } = limits;
  const references = countReferences(xml, limits.maxReferences);
  if (references > limits.maxReferences) return { depth: 0, nodes: 0, namespaces: 0, references };
  let depth = 0;
  let max = 0;
  let nodes = 0;
  let namespaces = 0;
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
        if (max > maxDepth) return { depth: max, nodes, namespaces, references };
      }
      const end = endOfTag(xml, i + 1);
      nodes += 1 + end.attributes;
      namespaces += end.namespaces;
      if (nodes > maxNodes || namespaces > maxNamespaces) {
        return { depth: max, nodes, namespaces, references };
      }
      i = end.at;
      if (i > 0 && xml.charCodeAt(i - 1) === 47) depth--;
    }
    if (i < 0) break;
    i = xml.indexOf('<', i + 1);
  }
  return { depth: max, nodes, namespaces, references };
}

interface TagEnd {
  /** Index of the closing `>`, or -1. */
  at: number;
  /** Attributes (`=` outside quotes). */
  attributes: number;
  /** Attributes named `xmlns` or `xmlns:…`. */
  namespaces: number;
}

/** Where a start tag ends, and its attributes and namespace declarations. */
function endOfTag(xml: string, from: number): TagEnd {
  let attributes = 0;
  let namespaces = 0;
  let nameStart = -1;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return { at: i, attributes, namespaces };
    if (c === 61 /* = */) {
      attributes++;
      if (nameStart >= 0 && xml.startsWith('xmlns', nameStart)) namespaces++;
      nameStart = -1;
    } else if (c === 34 || c === 39) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return { at: -1, attributes, namespaces };
      i = close;
    } else if (c === 32 || c === 9 || c === 10 || c === 13) {
      nameStart = i + 1;
    }
  }
  return { at: -1, attributes, namespaces };
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

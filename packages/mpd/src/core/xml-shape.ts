/** What {@link scanXmlShape} measured. */
export interface XmlShape {
  /** Deepest element nesting seen (`maxDepth + 1` when the scan stopped on it). */
  readonly depth: number;
  /** Elements plus attributes seen (`maxNodes + 1` when the scan stopped on it). */
  readonly nodes: number;
}

/**
 * The deepest element nesting and the number of elements + attributes in `xml`, found by a
 * single linear scan of the markup (comments, CDATA, processing instructions and quoted
 * attribute values are skipped). The scan stops as soon as a limit is exceeded. Malformed
 * markup gives an estimate; the XML parser rejects it afterwards.
 */
export function scanXmlShape(xml: string, maxDepth: number, maxNodes: number): XmlShape {
  let depth = 0;
  let max = 0;
  let nodes = 0;
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
        if (max > maxDepth) return { depth: max, nodes };
      }
      const end = endOfTag(xml, i + 1);
      nodes += 1 + end.attributes;
      if (nodes > maxNodes) return { depth: max, nodes };
      i = end.at;
      if (i > 0 && xml.charCodeAt(i - 1) === 47) depth--;
    }
    if (i < 0) break;
    i = xml.indexOf('<', i + 1);
  }
  return { depth: max, nodes };
}

/** Index of the `>` closing a start tag (-1 when none) and the attributes (`=`) before it. */
function endOfTag(xml: string, from: number): { at: number; attributes: number } {
  let attributes = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return { at: i, attributes };
    if (c === 61 /* = */) attributes++;
    else if (c === 34 || c === 39) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return { at: -1, attributes };
      i = close;
    }
  }
  return { at: -1, attributes };
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

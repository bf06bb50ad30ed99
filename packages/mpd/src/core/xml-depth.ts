/**
 * The deepest element nesting in `xml`, found by a single linear scan of the markup (comments,
 * CDATA, processing instructions and quoted attribute values are skipped); the scan stops as
 * soon as `limit` is exceeded and returns `limit + 1`. Malformed markup gives an estimate;
 * the XML parser rejects it afterwards.
 */
export function xmlDepth(xml: string, limit: number): number {
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
        if (max > limit) return max;
      }
      i = endOfTag(xml, i + 1);
      if (i > 0 && xml.charCodeAt(i - 1) === 47) depth--;
    }
    if (i < 0) break;
    i = xml.indexOf('<', i + 1);
  }
  return max;
}

/** Index of the `>` closing a start tag, skipping quoted attribute values; -1 when none. */
function endOfTag(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 34 || c === 39) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
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

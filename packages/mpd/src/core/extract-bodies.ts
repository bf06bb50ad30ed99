/** Element bodies read straight from the text, before the DOM is built (shared scanner). */

/** XML whitespace. */
export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Whether the end tag `</name …>` of `element` starts at `at`: true when it closes there (only
 * whitespace before `>`), false when it does not start there, null when it starts but is not
 * a well-formed end tag (a reader then leaves the element to the DOM).
 */
export function endTagAt(xml: string, at: number, element: string): boolean | null {
  if (!xml.startsWith(`</${element}`, at)) return false;
  let q = at + element.length + 2;
  while (q < xml.length && isSpace(xml.charCodeAt(q))) q++;
  return xml.charCodeAt(q) === 62 ? true : null;
}

/** What {@link extractBodies} looks for and how it reads a run of children. */
export interface BodySpec<T> {
  /** Element whose children are read (`SegmentTimeline`, `SegmentList`). */
  readonly element: string;
  /** Attribute added to the start tag, its value the position in the returned list. */
  readonly marker: string;
  /** Runs shorter than this (characters) are left to the DOM: extraction must pay off. */
  readonly minRunChars: number;
  /** Where the run starts in the content starting at `contentStart`, or -1 for none. */
  runStart(xml: string, contentStart: number): number;
  /** Reads the run at `start` up to the element's end tag; null at anything it does not read. */
  readRun(xml: string, start: number): { readonly end: number; readonly value: T } | null;
}

/** What {@link extractBodies} returns. */
export interface ExtractedBodies<T> {
  /** The document with each extracted run blanked (same lines and columns after it). */
  readonly xml: string;
  /** The runs read, by marker value. */
  readonly values: readonly T[];
}

/** Markup whose content is not elements: comments, CDATA sections, processing instructions. */
const SKIPPABLE = ['<!--', '<![CDATA[', '<?'] as const;

/** The index just past the comment, CDATA section or PI starting at `at`, or -1. */
function skipEnd(xml: string, at: number): number {
  const close = xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<?', at) ? '?>' : ']]>';
  const end = xml.indexOf(close, at + 2);
  return end < 0 ? -1 : end + close.length;
}

/** Whitespace keeping the line breaks of `xml[from, to)` and its last line's length (less `shift`). */
function blank(xml: string, from: number, to: number, shift: number): string {
  let lines = 0;
  let lastBreak = -1;
  for (let i = from; i < to; i++) {
    if (xml.charCodeAt(i) === 10) {
      lines++;
      lastBreak = i;
    }
  }
  const tail = lastBreak < 0 ? to - from - shift : to - lastBreak - 1;
  return '\n'.repeat(lines) + ' '.repeat(Math.max(0, tail));
}

function startTagEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62) return i;
    if (c === 60) return -1;
    if (c === 34 || c === 39) {
      i = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    }
  }
  return -1;
}

/**
 * Finds each `<element>` outside comments, CDATA and PIs, reads the run of children `spec`
 * describes, and when it is long enough (`spec.minRunChars`) replaces it by whitespace with the same line breaks
 * and final column (so positions in later error messages do not move) and adds `spec.marker`
 * to the start tag, numbered from `firstMarker`; at most `maxBodies` (an extracted element keeps
 * two DOM nodes, itself and the marker: past half the node cap the document is refused anyway,
 * and what is left goes to the DOM, whose node count refuses it). Null when nothing was extracted, or when the
 * document already contains the marker or a DOCTYPE (entities could change what the text means).
 */
export function extractBodies<T>(
  xml: string,
  spec: BodySpec<T>,
  firstMarker = 0,
  maxBodies = Number.POSITIVE_INFINITY,
): ExtractedBodies<T> | null {
  if (xml.includes(spec.marker) || xml.includes('<!DOCTYPE')) return null;
  const open = `<${spec.element}`;
  const close = `</${spec.element}`;
  const values: T[] = [];
  const pieces: string[] = [];
  let last = 0;
  let from = 0;
  // Forward cursors to the next comment, CDATA section and PI (Infinity when none): each is
  // searched again only once passed, so the whole scan stays linear.
  const cursors = SKIPPABLE.map(() => -1);
  // Likewise the next line break at or after the current tag.
  let newline = -1;
  while (values.length < maxBodies) {
    const at = xml.indexOf(open, from);
    if (at < 0) break;
    let skipAt = Number.POSITIVE_INFINITY;
    SKIPPABLE.forEach((opener, k) => {
      if (cursors[k]! < from) {
        const next = xml.indexOf(opener, from);
        cursors[k] = next < 0 ? Number.POSITIVE_INFINITY : next;
      }
      skipAt = Math.min(skipAt, cursors[k]!);
    });
    if (skipAt < at) {
      const close = skipEnd(xml, skipAt);
      if (close < 0) break;
      from = close;
      continue;
    }
    const nameEnd = at + open.length;
    from = nameEnd;
    if (!isSpace(xml.charCodeAt(nameEnd)) && xml.charCodeAt(nameEnd) !== 62) continue;
    const tagEnd = startTagEnd(xml, nameEnd);
    if (tagEnd < 0 || xml.charCodeAt(tagEnd - 1) === 47 /* / */) continue;
    const start = spec.runStart(xml, tagEnd + 1);
    if (start < 0) continue;
    // A run ends at the end tag: a short one is left to the DOM without being read.
    const endTag = xml.indexOf(close, start);
    if (endTag < 0 || endTag - start < spec.minRunChars) continue;
    const run = spec.readRun(xml, start);
    if (run === null || run.end - start < spec.minRunChars) continue;
    const marker = ` ${spec.marker}="${firstMarker + values.length}"`;
    // The marker lengthens the tag's line: take it off the blank when that is the same line.
    if (newline < tagEnd) {
      const next = xml.indexOf('\n', tagEnd);
      newline = next < 0 ? Number.POSITIVE_INFINITY : next;
    }
    const sameLine = newline >= run.end;
    pieces.push(
      xml.slice(last, tagEnd),
      marker,
      xml.slice(tagEnd, start),
      blank(xml, start, run.end, sameLine ? marker.length : 0),
    );
    values.push(run.value);
    last = run.end;
    from = run.end;
  }
  if (values.length === 0) return null;
  pieces.push(xml.slice(last));
  return { xml: pieces.join(''), values };
}

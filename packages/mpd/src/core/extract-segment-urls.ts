import { type BodySpec, endTagAt, isSpace } from './extract-bodies.js';
import { type SegmentUrlColumns, segmentUrlCapError, writeRange } from './segment-children.js';

/** The attribute that points a `<SegmentList>` at its extracted `SegmentURL` columns. */
export const SEGMENT_URLS_MARKER = 'legato-segment-urls';

/** The `SegmentURL` attributes read (`media`, `mediaRange`) or ignored (`index`, `indexRange`), by bit. */
const MEDIA = 1;
const RANGE = 2;
const ATTRIBUTES: readonly (readonly [string, number])[] = [
  ['mediaRange=', RANGE],
  ['media=', MEDIA],
  ['indexRange=', 4],
  ['index=', 8],
];

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** One entity or character reference's text (without `&` and `;`), or null when not well-formed. */
function reference(ref: string): string | null {
  if (ref.charCodeAt(0) !== 35 /* # */) return ENTITIES[ref] ?? null;
  const hex = ref.charCodeAt(1) === 120; /* x */
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  // Control characters (tab and line breaks included) are left to the DOM path.
  if (code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return String.fromCodePoint(code);
}

/**
 * An attribute value as the DOM reads it: the five predefined entities and character references
 * decoded. Null for anything attribute-value normalization would change (tabs, line breaks) or
 * that is not well-formed, so the DOM path reads (or reports) it instead.
 */
function attributeValue(raw: string): string | null {
  if (/[<\t\n\r]/.test(raw)) return null;
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let last = 0;
  for (; amp >= 0; amp = raw.indexOf('&', last)) {
    const semi = raw.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) return null;
    const text = reference(raw.slice(amp + 1, semi));
    if (text === null) return null;
    out += raw.slice(last, amp) + text;
    last = semi + 1;
  }
  return out + raw.slice(last);
}

/** Parses `<SegmentURL …/>`* up to `</SegmentList>`; null at anything else. */
function readRun(
  xml: string,
  start: number,
  maxEntries: number,
): { end: number; value: SegmentUrlColumns } | null {
  const media: (string | null)[] = [];
  let anyMedia = false;
  const starts: number[] = [];
  const ends: number[] = [];
  const range = { start: 0, end: 0 };
  const n = xml.length;
  let p = start;
  for (;;) {
    while (p < n && isSpace(xml.charCodeAt(p))) p++;
    const closes = endTagAt(xml, p, 'SegmentList');
    if (closes === null) return null;
    if (closes) {
      const value: SegmentUrlColumns = {
        media: anyMedia ? media : null,
        rangeStart: Float64Array.from(starts),
        rangeEnd: Float64Array.from(ends),
      };
      return { end: p, value };
    }
    if (!xml.startsWith('<SegmentURL', p)) return null;
    p += 11;
    let m: string | null = null;
    let r: string | null = null;
    let seen = 0;
    for (;;) {
      const c = xml.charCodeAt(p);
      if (c === 47 /* / */ && xml.charCodeAt(p + 1) === 62) break;
      if (!isSpace(c)) return null;
      while (p < n && isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) === 47 && xml.charCodeAt(p + 1) === 62) break;
      const attribute = ATTRIBUTES.find(([name]) => xml.startsWith(name, p));
      if (attribute === undefined || (seen & attribute[1]) !== 0) return null;
      seen |= attribute[1];
      const valueAt = p + attribute[0].length + 1;
      const quote = xml.charCodeAt(valueAt - 1);
      if (quote !== 34 && quote !== 39) return null;
      const close = xml.indexOf(quote === 34 ? '"' : "'", valueAt);
      if (close < 0) return null;
      if (attribute[1] === MEDIA) {
        m = attributeValue(xml.slice(valueAt, close));
        if (m === null) return null;
      } else if (attribute[1] === RANGE) r = xml.slice(valueAt, close);
      p = close + 1;
    }
    p += 2;
    if (r === null) {
      starts.push(Number.NaN);
      ends.push(Number.NaN);
    } else if (writeRange(r, range)) {
      starts.push(range.start);
      ends.push(range.end);
    } else return null; // malformed or spaced: the DOM path reads or reports it
    media.push(m);
    anyMedia ||= m !== null;
    if (media.length > maxEntries) throw segmentUrlCapError(maxEntries);
  }
}

/**
 * What {@link extractBodies} needs to read the run of `<SegmentURL media=… mediaRange=…/>` that
 * ends every `<SegmentList>` straight into columns, without DOM nodes (three per entry: element,
 * two attributes), marking the SegmentList with {@link SEGMENT_URLS_MARKER}; the children before
 * the run (Initialization, SegmentTimeline…) stay in the DOM. Attribute values are decoded as the
 * DOM decodes them; anything else unusual — another element or attribute, a comment, a malformed
 * or spaced range, a tab or line break in a value — leaves that list to the DOM path, which
 * reports it. Reading throws MPD_TOO_LARGE past `maxEntries` SegmentURLs in one list.
 */
export function segmentUrlBodies(maxEntries: number): BodySpec<SegmentUrlColumns> {
  return {
    element: 'SegmentList',
    marker: SEGMENT_URLS_MARKER,
    // Every run: a SegmentURL is three DOM nodes (most of an on-demand SegmentList MPD), and
    // reading one here costs a fraction of building them.
    minRunChars: 1,
    runStart: (text, contentStart) => {
      const first = text.indexOf('<SegmentURL', contentStart);
      if (first < 0) return -1;
      const end = text.indexOf('</SegmentList', contentStart);
      return end < 0 || end < first ? -1 : first;
    },
    readRun: (text, start) => readRun(text, start, maxEntries),
  };
}

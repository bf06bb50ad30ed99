import { LegatoError } from '@legato/errors';
import type { RawTimeline } from './timeline-timing.js';

/** The attribute that points a bodiless `<SegmentTimeline>` at its extracted columns. */
export const TIMELINE_MARKER = 'legato-timeline';

/** What {@link extractTimelines} returns. */
/** Where `SegmentTimeline`s come from: the cap, and the bodies read before the DOM was built. */
export interface TimelineSource {
  /** Cap on `S` elements per SegmentTimeline. */
  readonly maxEntries: number;
  /** Timelines extracted by {@link extractTimelines}, by marker value. */
  readonly extracted: readonly RawTimeline[];
}

export interface ExtractedTimelines {
  /** The document with each extracted body blanked (same lines and columns after it). */
  readonly xml: string;
  /** The extracted timelines, by marker value. */
  readonly timelines: readonly RawTimeline[];
}

/** Bodies shorter than this go through the DOM: extraction only pays off for long timelines. */
const MIN_BODY_CHARS = 2048;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads long `<SegmentTimeline>` bodies made only of `<S t=… d=… r=… k=…/>` elements straight into
 * typed-array columns, without a DOM node per `S` (an xmldom node costs ~1 KB and ~10 µs): the
 * body is replaced by whitespace with the same line breaks and final column (so positions in
 * later error messages do not move) and the start tag gets a {@link TIMELINE_MARKER} attribute.
 * Anything unusual in a body — another element, a comment, an entity, another attribute, a value
 * that is not a plain integer, `d="0"` — leaves that timeline to the DOM path, which reports it.
 * Null when nothing was extracted. Throws MPD_TOO_LARGE past `maxEntries` S in one timeline.
 */
export function extractTimelines(xml: string, maxEntries: number): ExtractedTimelines | null {
  if (xml.includes(TIMELINE_MARKER) || xml.includes('<!DOCTYPE')) return null;
  const timelines: RawTimeline[] = [];
  const pieces: string[] = [];
  let last = 0;
  let from = 0;
  // Forward cursors to the next comment, CDATA section and PI (Infinity when none): each is
  // searched again only once passed, so the whole scan stays linear.
  const cursors = SKIPPABLE.map(() => -1);
  for (;;) {
    const open = xml.indexOf('<SegmentTimeline', from);
    if (open < 0) break;
    let skipAt = Number.POSITIVE_INFINITY;
    SKIPPABLE.forEach((opener, k) => {
      if (cursors[k]! < from) {
        const at = xml.indexOf(opener, from);
        cursors[k] = at < 0 ? Number.POSITIVE_INFINITY : at;
      }
      skipAt = Math.min(skipAt, cursors[k]!);
    });
    if (skipAt < open) {
      const close = skipEnd(xml, skipAt);
      if (close < 0) break;
      from = close;
      continue;
    }
    from = open + 16;
    if (!isSpace(xml.charCodeAt(open + 16)) && xml.charCodeAt(open + 16) !== 62) continue;
    const tagEnd = startTagEnd(xml, open + 16);
    if (tagEnd < 0 || xml.charCodeAt(tagEnd - 1) === 47 /* / */) continue;
    const body = readBody(xml, tagEnd + 1, maxEntries);
    if (body === null || body.end - (tagEnd + 1) < MIN_BODY_CHARS) continue;
    const marker = ` ${TIMELINE_MARKER}="${timelines.length}"`;
    pieces.push(
      xml.slice(last, tagEnd),
      marker,
      '>',
      blank(xml, tagEnd + 1, body.end, marker.length),
    );
    timelines.push(body.timeline);
    last = body.end;
    from = body.end;
  }
  if (timelines.length === 0) return null;
  pieces.push(xml.slice(last));
  return { xml: pieces.join(''), timelines };
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

/** Parses `<S t d r k/>`* up to `</SegmentTimeline>`; null at anything else. */
function readBody(
  xml: string,
  start: number,
  maxEntries: number,
): { end: number; timeline: RawTimeline } | null {
  const t: number[] = [];
  const d: number[] = [];
  const r: number[] = [];
  const parts: number[] = [];
  let anyK = false;
  let tExact: Map<number, bigint> | null = null;
  let p = start;
  const n = xml.length;
  for (;;) {
    while (p < n && isSpace(xml.charCodeAt(p))) p++;
    if (xml.startsWith('</SegmentTimeline', p)) {
      let q = p + 17;
      while (q < n && isSpace(xml.charCodeAt(q))) q++;
      if (xml.charCodeAt(q) !== 62) return null;
      return {
        end: p,
        timeline: {
          t: Float64Array.from(t),
          tExact,
          d: Float64Array.from(d),
          r: Float64Array.from(r),
          k: anyK ? Float64Array.from(parts) : null,
        },
      };
    }
    if (!xml.startsWith('<S', p) || !isSpace(xml.charCodeAt(p + 2))) return null;
    p += 2;
    let tv: string | null = null;
    let dv: string | null = null;
    let rv: string | null = null;
    let kv: string | null = null;
    for (;;) {
      if (!isSpace(xml.charCodeAt(p))) {
        if (xml.charCodeAt(p) === 47 && xml.charCodeAt(p + 1) === 62) break;
        return null;
      }
      while (p < n && isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) === 47 && xml.charCodeAt(p + 1) === 62) break;
      const name = xml.charCodeAt(p);
      const quote = xml.charCodeAt(p + 2);
      if (xml.charCodeAt(p + 1) !== 61 || (quote !== 34 && quote !== 39)) return null;
      const close = xml.indexOf(quote === 34 ? '"' : "'", p + 3);
      if (close < 0 || close - (p + 3) > 20) return null;
      const value = xml.slice(p + 3, close);
      if (!/^-?\d+$/.test(value)) return null;
      if (name === 116 /* t */ && tv === null) tv = value;
      else if (name === 100 /* d */ && dv === null) dv = value;
      else if (name === 114 /* r */ && rv === null) rv = value;
      else if (name === 107 /* k */ && kv === null) kv = value;
      else return null;
      p = close + 1;
    }
    p += 2;
    // Only values the DOM path would accept unchanged; anything else goes there to be reported.
    if (dv === null || dv.length > 15 || dv.startsWith('-') || Number(dv) === 0) return null;
    if (rv !== null && (rv.length > 15 || Number(rv) < -1)) return null;
    if (tv?.startsWith('-')) return null;
    if (kv !== null && (kv.length > 15 || kv.startsWith('-') || Number(kv) === 0)) return null;
    if (tv !== null && tv.length >= 16) {
      const big = BigInt(tv);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
        tExact ??= new Map();
        tExact.set(d.length, big);
      }
    }
    t.push(tv === null ? Number.NaN : Number(tv));
    d.push(Number(dv));
    r.push(rv === null ? 0 : Number(rv));
    parts.push(kv === null ? 0 : Number(kv));
    anyK ||= kv !== null;
    if (d.length > maxEntries) {
      throw new LegatoError(
        'MPD_TOO_LARGE',
        `<SegmentTimeline>: expected at most ${maxEntries} S elements, received more`,
        { details: { element: 'SegmentTimeline', maxTimelineEntries: maxEntries } },
      );
    }
  }
}

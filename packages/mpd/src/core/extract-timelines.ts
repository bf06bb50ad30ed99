import { LegatoError } from '@legato/errors';
import { type BodySpec, endTagAt, isSpace } from './extract-bodies.js';
import type { SegmentUrlColumns } from './segment-children.js';
import type { RawTimeline } from './timeline-timing.js';
import type { XmlElement } from './xml-reader.js';

/** The attribute that points a bodiless `<SegmentTimeline>` at its extracted columns. */
export const TIMELINE_MARKER = 'legato-timeline';

/**
 * Where `SegmentTimeline`s and `SegmentURL` runs come from: the caps, and the bodies read before
 * the DOM was built.
 */
export interface TimelineSource {
  /** Cap on `S` elements per SegmentTimeline. */
  readonly maxEntries: number;
  /** Timelines read by {@link timelineBodies}, by marker value. */
  readonly extracted: readonly RawTimeline[];
  /** Cap on `SegmentURL` elements per SegmentList. */
  readonly maxSegmentUrls: number;
  /** SegmentURL runs read by `segmentUrlBodies`, by marker value. */
  readonly segmentUrls: readonly SegmentUrlColumns[];
  /** Elements whose marker came from the document text, not from extraction: ignored. */
  readonly untrusted: ReadonlySet<XmlElement>;
}

/**
 * What {@link extractBodies} needs to read long `<SegmentTimeline>` bodies made only of
 * `<S t=… d=… r=… k=…/>` elements straight into typed-array columns, without a DOM node per `S`
 * (an xmldom node costs ~1 KB and ~10 µs), marking the start tag with {@link TIMELINE_MARKER}.
 * Anything unusual in a body — another element, a comment, an entity, another attribute, a value
 * that is not a plain integer, `d="0"` — leaves that timeline to the DOM path, which reports it.
 * Reading throws MPD_TOO_LARGE past `maxEntries` S in one timeline.
 */
export function timelineBodies(maxEntries: number): BodySpec<RawTimeline> {
  return {
    element: 'SegmentTimeline',
    marker: TIMELINE_MARKER,
    // Short timelines go through the DOM: extraction only pays off past ~2 KB of S elements.
    minRunChars: 2048,
    runStart: (_xml, contentStart) => contentStart,
    readRun: (text, start) => {
      const body = readBody(text, start, maxEntries);
      return body === null ? null : { end: body.end, value: body.timeline };
    },
  };
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
    const closes = endTagAt(xml, p, 'SegmentTimeline');
    if (closes === null) return null;
    if (closes) {
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

import { isLegatoError, LegatoError } from '@legato/errors';
import { exactUintAttr, intAttr, rangeAttr, uintAttr } from '../_internal/attributes.js';
import { firstElement, nextElement } from '../_internal/children.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { isWarningCode, type MpdWarningCode } from './diagnostics.js';
import type { RawTimeline, TimelineDefect } from './timeline-timing.js';
import type { XmlElement } from './xml-reader.js';

/** `SegmentURL` children of a `SegmentList`, as columns. */
export interface SegmentUrlColumns {
  /** `@media` per segment, or null when no SegmentURL has one. */
  readonly media: readonly (string | null)[] | null;
  /** `@mediaRange` start per segment, NaN when absent. */
  readonly rangeStart: Float64Array;
  /** `@mediaRange` end per segment (inclusive), NaN when absent. */
  readonly rangeEnd: Float64Array;
}

/**
 * Reads the `S` elements of a `SegmentTimeline` into compact columns. An `S` with a bad `@d`,
 * `@r`, `@t` or `@k` is reported to `onDefect` and left out; more than `maxEntries` is MPD_TOO_LARGE.
 */
export function readTimeline(
  el: XmlElement,
  maxEntries: number,
  onDefect: TimelineDefect,
): RawTimeline {
  const t: number[] = [];
  const d: number[] = [];
  const r: number[] = [];
  const parts: number[] = [];
  let anyK = false;
  let tExact: Map<number, bigint> | null = null;
  let k = -1;
  for (let s = firstElement(el); s !== null; s = nextElement(s)) {
    if (s.localName !== 'S') continue;
    k++;
    let dur: number | null;
    let rep: number;
    let start: number | bigint | null;
    let seq: number | null;
    try {
      dur = uintAttr(s, 'd');
      if (dur === null || dur === 0)
        throw invalidAttribute('S', 'd', 'a positive integer', s.getAttribute('d'));
      rep = intAttr(s, 'r') ?? 0;
      if (rep < -1) throw invalidAttribute('S', 'r', 'an integer >= -1', s.getAttribute('r'));
      start = exactUintAttr(s, 't');
      seq = uintAttr(s, 'k');
      if (seq === 0) throw invalidAttribute('S', 'k', 'a positive integer', s.getAttribute('k'));
    } catch (error) {
      if (!isLegatoError(error) || !isWarningCode(error.code)) throw error;
      onDefect(k, error as LegatoError<MpdWarningCode>, 'dropped', 'this S is left out');
      continue;
    }
    if (typeof start === 'bigint') {
      tExact ??= new Map();
      tExact.set(d.length, start);
    }
    t.push(start === null ? Number.NaN : Number(start));
    d.push(dur);
    r.push(rep);
    parts.push(seq ?? 0);
    anyK ||= seq !== null;
    if (d.length > maxEntries) {
      throw new LegatoError(
        'MPD_TOO_LARGE',
        `<SegmentTimeline>: expected at most ${maxEntries} S elements, received more`,
        { details: { element: 'SegmentTimeline', maxTimelineEntries: maxEntries } },
      );
    }
  }
  return {
    t: Float64Array.from(t),
    tExact,
    d: Float64Array.from(d),
    r: Float64Array.from(r),
    k: anyK ? Float64Array.from(parts) : null,
  };
}

/** Parses `first-last` (plain digits) into `out`; false when malformed or spaced (no allocation). */
export function writeRange(text: string, out: { start: number; end: number }): boolean {
  let start = 0;
  let end = 0;
  let i = 0;
  const n = text.length;
  let digits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    start = start * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 15 || text.charCodeAt(i) !== 45 /* - */) return false;
  digits = 0;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    end = end * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 15 || end < start) return false;
  out.start = start;
  out.end = end;
  return true;
}

/** MPD_TOO_LARGE for a SegmentList with more than `max` SegmentURLs. */
export function segmentUrlCapError(max: number): LegatoError<'MPD_TOO_LARGE'> {
  return new LegatoError(
    'MPD_TOO_LARGE',
    `<SegmentList>: expected at most ${max} SegmentURL elements, received more`,
    { details: { element: 'SegmentList', maxSegmentUrls: max } },
  );
}

/**
 * Reads the `SegmentURL` run starting at `first` into compact columns; null when there is none.
 * More than `maxEntries` is MPD_TOO_LARGE.
 */
export function readSegmentUrls(
  first: XmlElement | null,
  maxEntries: number,
): SegmentUrlColumns | null {
  let count = 0;
  for (let s = first; s !== null; s = nextElement(s)) if (s.localName === 'SegmentURL') count++;
  if (count === 0) return null;
  if (count > maxEntries) throw segmentUrlCapError(maxEntries);
  const parsed = { start: 0, end: 0 };
  let media: (string | null)[] | null = null;
  const rangeStart = new Float64Array(count);
  const rangeEnd = new Float64Array(count);
  let k = 0;
  for (let s = first; s !== null; s = nextElement(s)) {
    if (s.localName !== 'SegmentURL') continue;
    const m = s.getAttribute('media');
    if (m !== null) {
      media ??= new Array<string | null>(count).fill(null);
      media[k] = m;
    }
    const range = s.getAttribute('mediaRange');
    if (range === null) {
      rangeStart[k] = Number.NaN;
      rangeEnd[k] = Number.NaN;
    } else if (writeRange(range, parsed)) {
      rangeStart[k] = parsed.start;
      rangeEnd[k] = parsed.end;
    } else {
      // Slow path: whitespace around the numbers, or a malformed range (throws, naming it).
      const r = rangeAttr(s, 'mediaRange')!;
      rangeStart[k] = r.start;
      rangeEnd[k] = r.end;
    }
    k++;
  }
  return { media, rangeStart, rangeEnd };
}

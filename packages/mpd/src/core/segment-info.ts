import {
  availabilityTimeOffsetAttr,
  boolAttr,
  exactUintAttr,
  rangeAttr,
  uintAttr,
} from '../_internal/attributes.js';
import { firstElement, nextElement } from '../_internal/children.js';
import type { ExactInt } from '../_internal/exact.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { attemptAt, childScope, reportAt, type Scope } from './diagnostics.js';
import { SEGMENT_URLS_MARKER } from './extract-segment-urls.js';
import { TIMELINE_MARKER, type TimelineSource } from './extract-timelines.js';
import type { ByteRange } from './model.js';
import { readSegmentUrls, readTimeline, type SegmentUrlColumns } from './segment-children.js';
import type { RawTimeline } from './timeline-timing.js';
import type { XmlElement } from './xml-reader.js';

/** Which DASH segment element a {@link SegmentInfo} came from. */
export type SegmentElementKind = 'SegmentBase' | 'SegmentList' | 'SegmentTemplate';

/** The attributes and children of one segment element; null = not given at this level. */
export interface SegmentInfo {
  readonly kind: SegmentElementKind;
  readonly timescale: number | null;
  readonly duration: number | null;
  readonly startNumber: number | null;
  readonly endNumber: number | null;
  /** `@presentationTimeOffset`, exact above 2^53. */
  readonly presentationTimeOffset: ExactInt | null;
  readonly indexRange: ByteRange | null;
  /** `@availabilityTimeOffset` in seconds (Infinity for `INF`). */
  readonly availabilityTimeOffsetS: number | null;
  /** `@availabilityTimeComplete`. */
  readonly availabilityTimeComplete: boolean | null;
  /** `RepresentationIndex` child (`sourceURL`, `range`). */
  readonly representationIndex: {
    readonly sourceUrl: string | null;
    readonly range: ByteRange | null;
  } | null;
  /** `SegmentTemplate@index`: the URL template of the index segment. */
  readonly indexTemplate: string | null;
  /** `Initialization` child (`sourceURL`, `range`). */
  readonly initialization: {
    readonly sourceUrl: string | null;
    readonly range: ByteRange | null;
  } | null;
  /** `SegmentTemplate@initialization`. */
  readonly initializationTemplate: string | null;
  /** `SegmentTemplate@media`. */
  readonly media: string | null;
  readonly timeline: RawTimeline | null;
  readonly segmentUrls: SegmentUrlColumns | null;
}

/** Reads a `SegmentBase`, `SegmentList` or `SegmentTemplate` element (one level, no inheritance). */
export function readSegmentInfo(
  el: XmlElement,
  kind: SegmentElementKind,
  timelines: TimelineSource,
  scope: Scope,
): SegmentInfo {
  let initialization: SegmentInfo['initialization'] = null;
  let representationIndex: SegmentInfo['representationIndex'] = null;
  let timeline: RawTimeline | null = null;
  let segmentUrls: SegmentUrlColumns | null = null;
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    const name = c.localName;
    if (name === 'Initialization') {
      initialization = { sourceUrl: c.getAttribute('sourceURL'), range: rangeAttr(c, 'range') };
    } else if (name === 'RepresentationIndex') {
      representationIndex = {
        sourceUrl: c.getAttribute('sourceURL'),
        range: rangeAttr(c, 'range'),
      };
    } else if (name === 'SegmentTimeline') {
      const at = childScope(scope, 'SegmentTimeline');
      const marker = timelines.untrusted.has(c) ? null : c.getAttribute(TIMELINE_MARKER);
      const extracted = marker === null ? undefined : timelines.extracted[Number(marker)];
      timeline =
        extracted ??
        readTimeline(c, timelines.maxEntries, (k, error, action, what) =>
          reportAt(childScope(at, `S[${k}]`), error, action, what),
        );
    } else if (name === 'SegmentURL' && kind === 'SegmentList') {
      segmentUrls = readSegmentUrls(c, timelines.maxSegmentUrls);
      break;
    }
  }
  const urlsMarker =
    kind === 'SegmentList' && !timelines.untrusted.has(el)
      ? el.getAttribute(SEGMENT_URLS_MARKER)
      : null;
  if (urlsMarker !== null) segmentUrls = timelines.segmentUrls[Number(urlsMarker)] ?? segmentUrls;
  const positive = (name: string): number | null =>
    attemptAt(
      scope,
      () => {
        const v = uintAttr(el, name);
        if (v === 0) throw invalidAttribute(kind, name, 'a positive integer', '0');
        return v;
      },
      null,
      `@${name} ignored`,
    );
  const optional = <T>(name: string, read: () => T | null): T | null =>
    attemptAt(scope, read, null, `@${name} ignored`);
  return {
    kind,
    timescale: positive('timescale'),
    duration: positive('duration'),
    startNumber: optional('startNumber', () => uintAttr(el, 'startNumber')),
    endNumber: optional('endNumber', () => uintAttr(el, 'endNumber')),
    presentationTimeOffset: optional('presentationTimeOffset', () =>
      exactUintAttr(el, 'presentationTimeOffset'),
    ),
    indexRange: rangeAttr(el, 'indexRange'),
    availabilityTimeOffsetS: optional('availabilityTimeOffset', () =>
      availabilityTimeOffsetAttr(el),
    ),
    availabilityTimeComplete: optional('availabilityTimeComplete', () =>
      boolAttr(el, 'availabilityTimeComplete'),
    ),
    representationIndex,
    indexTemplate: kind === 'SegmentTemplate' ? el.getAttribute('index') : null,
    initialization,
    initializationTemplate: kind === 'SegmentTemplate' ? el.getAttribute('initialization') : null,
    media: kind === 'SegmentTemplate' ? el.getAttribute('media') : null,
    timeline,
    segmentUrls,
  };
}

/** Child-over-parent inheritance of one segment element kind across MPD levels. */
export function mergeSegmentInfo(
  parent: SegmentInfo | null,
  child: SegmentInfo | null,
): SegmentInfo | null {
  if (parent === null) return child;
  if (child === null) return parent;
  return {
    kind: child.kind,
    timescale: child.timescale ?? parent.timescale,
    duration: child.duration ?? parent.duration,
    startNumber: child.startNumber ?? parent.startNumber,
    endNumber: child.endNumber ?? parent.endNumber,
    presentationTimeOffset: child.presentationTimeOffset ?? parent.presentationTimeOffset,
    indexRange: child.indexRange ?? parent.indexRange,
    availabilityTimeOffsetS: child.availabilityTimeOffsetS ?? parent.availabilityTimeOffsetS,
    availabilityTimeComplete: child.availabilityTimeComplete ?? parent.availabilityTimeComplete,
    representationIndex: child.representationIndex ?? parent.representationIndex,
    indexTemplate: child.indexTemplate ?? parent.indexTemplate,
    initialization: child.initialization ?? parent.initialization,
    initializationTemplate: child.initializationTemplate ?? parent.initializationTemplate,
    media: child.media ?? parent.media,
    timeline: child.timeline ?? parent.timeline,
    segmentUrls: child.segmentUrls ?? parent.segmentUrls,
  };
}

/** The segment elements found at one MPD level (Period, AdaptationSet or Representation). */
export interface SegmentLevel {
  readonly base: SegmentInfo | null;
  readonly list: SegmentInfo | null;
  readonly template: SegmentInfo | null;
  /** The kind given at the deepest level so far (template over list over base at one level). */
  readonly active: SegmentElementKind | null;
}

/** A level without segment elements. */
export const emptySegmentLevel: SegmentLevel = {
  base: null,
  list: null,
  template: null,
  active: null,
};

/** The segment elements of one level while its children are being read. */
export interface SegmentElements {
  base: SegmentInfo | null;
  list: SegmentInfo | null;
  template: SegmentInfo | null;
}

/** Fresh, empty {@link SegmentElements}. */
export function noSegmentElements(): SegmentElements {
  return { base: null, list: null, template: null };
}

/** Reads `el` into `into` when it is a segment element; false otherwise. */
export function readSegmentElement(
  el: XmlElement,
  into: SegmentElements,
  timelines: TimelineSource,
  scope: Scope,
): boolean {
  const name = el.localName;
  if (name !== 'SegmentTemplate' && name !== 'SegmentList' && name !== 'SegmentBase') return false;
  const info = readSegmentInfo(el, name, timelines, childScope(scope, name));
  if (name === 'SegmentTemplate') into.template = info;
  else if (name === 'SegmentList') into.list = info;
  else into.base = info;
  return true;
}

/** Inherits one level's own segment elements (`own`) into the parent's (child wins field by field). */
export function inheritSegments(parent: SegmentLevel, own: SegmentElements): SegmentLevel {
  if (own.template === null && own.list === null && own.base === null) return parent;
  const active: SegmentElementKind | null =
    own.template !== null
      ? 'SegmentTemplate'
      : own.list !== null
        ? 'SegmentList'
        : own.base !== null
          ? 'SegmentBase'
          : null;
  return mergeSegmentLevel(parent, { ...own, active });
}

/** Inherits each kind from `parent` into `child` (child wins field by field). */
export function mergeSegmentLevel(parent: SegmentLevel, child: SegmentLevel): SegmentLevel {
  if (child.active === null) return parent;
  return {
    base: mergeSegmentInfo(parent.base, child.base),
    list: mergeSegmentInfo(parent.list, child.list),
    template: mergeSegmentInfo(parent.template, child.template),
    active: child.active ?? parent.active,
  };
}

/** The segment element in effect at `level` (null when none). */
export function segmentInfoOf(level: SegmentLevel): SegmentInfo | null {
  if (level.active === 'SegmentTemplate') return level.template;
  if (level.active === 'SegmentList') return level.list;
  if (level.active === 'SegmentBase') return level.base;
  return null;
}

import { LegatoError } from '@legato/errors';
import { durationAttr } from '../_internal/attributes.js';
import { firstElement, nextElement, textOf } from '../_internal/children.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { combineBaseUrls } from './base-urls.js';
import { buildAdaptationSet } from './build-adaptation-set.js';
import { parseIsoDateTimeMs } from './iso-date-time.js';
import type { AdaptationSet, Manifest, ManifestType, Period } from './model.js';
import type { PeriodContext } from './period-context.js';
import {
  emptySegmentLevel,
  inheritSegments,
  noSegmentElements,
  readSegmentElement,
} from './segment-info.js';
import { type XmlElement, XmlNamespaces } from './xml-reader.js';

/** Options of {@link buildManifest}. */
export interface BuildManifestOptions {
  /** URL the MPD was loaded from, the root of BaseURL resolution; null when unknown. */
  readonly baseUrl: string | null;
  /** Wall-clock time for live segment windows, ms since the epoch; null to list none. */
  readonly nowMs: number | null;
  /** Cap on BaseURL alternatives per element. */
  readonly maxBaseUrls: number;
  /** Cap on `S` elements per SegmentTimeline. */
  readonly maxTimelineEntries: number;
}

function baseUrlRefs(el: XmlElement, ns: string | null): string[] {
  const refs: string[] = [];
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI === ns && c.localName === 'BaseURL') {
      const t = textOf(c);
      if (t !== '') refs.push(t);
    }
  }
  return refs;
}

function checkRoot(root: XmlElement): string | null {
  const ns = root.namespaceURI;
  const nsOk = ns === null || ns.toLowerCase() === XmlNamespaces.mpd.toLowerCase();
  if (root.localName !== 'MPD' || !nsOk) {
    const got = ns === null ? `<${root.localName}>` : `<${root.localName}> in namespace ${ns}`;
    throw new LegatoError(
      'MPD_NOT_MPD',
      `expected root element <MPD> in namespace ${XmlNamespaces.mpd}, received ${got}`,
      { details: { localName: root.localName, namespace: ns } },
    );
  }
  return ns;
}

/** Period start/duration per ISO/IEC 23009-1 §5.3.2.1 (from @start, the previous period, or the MPD). */
function periodTimings(
  els: readonly XmlElement[],
  mpdDurationS: number | null,
): { startS: number; durationS: number | null }[] {
  const out: { startS: number; durationS: number | null }[] = [];
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const prev = out[i - 1];
    const start =
      durationAttr(el, 'start') ??
      (prev === undefined ? 0 : prev.durationS === null ? null : prev.startS + prev.durationS);
    if (start === null) {
      throw invalidAttribute(
        'Period',
        'start',
        'a start, or a previous Period with a duration',
        null,
      );
    }
    out.push({ startS: start, durationS: durationAttr(el, 'duration') });
  }
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    if (p.durationS !== null) continue;
    const next = out[i + 1];
    if (next !== undefined) p.durationS = Math.max(0, next.startS - p.startS);
    else if (mpdDurationS !== null) p.durationS = Math.max(0, mpdDurationS - p.startS);
  }
  return out;
}

/** Builds the {@link Manifest} model from a parsed `<MPD>` element. */
export function buildManifest(root: XmlElement, o: BuildManifestOptions): Manifest {
  const ns = checkRoot(root);
  const rawType = root.getAttribute('type') ?? 'static';
  if (rawType !== 'static' && rawType !== 'dynamic') {
    throw invalidAttribute('MPD', 'type', '"static" or "dynamic"', rawType);
  }
  const type: ManifestType = rawType;
  const durationS = durationAttr(root, 'mediaPresentationDuration');
  const availabilityStartTime = root.getAttribute('availabilityStartTime');
  const availabilityStartTimeMs =
    availabilityStartTime === null ? null : parseIsoDateTimeMs(availabilityStartTime);
  if (availabilityStartTime !== null && availabilityStartTimeMs === null) {
    throw invalidAttribute('MPD', 'availabilityStartTime', 'an xs:dateTime', availabilityStartTime);
  }
  const timeShiftBufferDepthS = durationAttr(root, 'timeShiftBufferDepth');
  const documentBase = o.baseUrl === null ? [] : [o.baseUrl];
  const mpdBaseUrls = combineBaseUrls(documentBase, baseUrlRefs(root, ns), o.maxBaseUrls);

  const periodEls: XmlElement[] = [];
  for (let c = firstElement(root); c !== null; c = nextElement(c)) {
    if (c.namespaceURI === ns && c.localName === 'Period') periodEls.push(c);
  }
  const timings = periodTimings(periodEls, durationS);
  const periods: Period[] = periodEls.map((el, i) => {
    const timing = timings[i]!;
    const ctx: PeriodContext = {
      mpdNamespace: ns,
      dynamic: type === 'dynamic',
      nowMs: o.nowMs,
      availabilityStartTimeMs,
      timeShiftBufferDepthS,
      periodStartS: timing.startS,
      periodDurationS: timing.durationS,
      maxBaseUrls: o.maxBaseUrls,
      maxTimelineEntries: o.maxTimelineEntries,
    };
    const baseRefs: string[] = [];
    const own = noSegmentElements();
    const setEls: XmlElement[] = [];
    for (let c = firstElement(el); c !== null; c = nextElement(c)) {
      if (c.namespaceURI !== ns) continue;
      if (c.localName === 'AdaptationSet') setEls.push(c);
      else if (c.localName === 'BaseURL') {
        const t = textOf(c);
        if (t !== '') baseRefs.push(t);
      } else readSegmentElement(c, own, o.maxTimelineEntries);
    }
    const baseUrls = combineBaseUrls(mpdBaseUrls, baseRefs, o.maxBaseUrls);
    const segments = inheritSegments(emptySegmentLevel, own);
    const adaptationSets: AdaptationSet[] = setEls.map((s) =>
      buildAdaptationSet(s, ctx, baseUrls, segments),
    );
    return {
      id: el.getAttribute('id'),
      startS: timing.startS,
      durationS: timing.durationS,
      baseUrls,
      adaptationSets,
    };
  });

  const profiles = (root.getAttribute('profiles') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return {
    type,
    profiles,
    durationS,
    minBufferTimeS: durationAttr(root, 'minBufferTime'),
    availabilityStartTime,
    availabilityStartTimeMs,
    timeShiftBufferDepthS,
    minimumUpdatePeriodS: durationAttr(root, 'minimumUpdatePeriod'),
    suggestedPresentationDelayS: durationAttr(root, 'suggestedPresentationDelay'),
    baseUrls: mpdBaseUrls,
    periods,
  };
}

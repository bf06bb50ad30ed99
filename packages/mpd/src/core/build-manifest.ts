import { LegatoError } from '@legato/errors';
import { durationAttr } from '../_internal/attributes.js';
import { firstElement, nextElement, textOf } from '../_internal/children.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import {
  type BaseUrlRef,
  combineBaseUrls,
  documentBaseUrls,
  readBaseUrlRef,
  urlsOf,
} from './base-urls.js';
import { buildAdaptationSet, buildOrDrop } from './build-adaptation-set.js';
import { readDescriptor } from './descriptors.js';
import { attemptAt, childScope, type Diagnostics, type Scope } from './diagnostics.js';
import { readEventStream } from './event-stream.js';
import type { TimelineSource } from './extract-timelines.js';
import { parseIsoDateTimeMs } from './iso-date-time.js';
import type {
  AdaptationSet,
  EventStream,
  Manifest,
  ManifestType,
  Period,
  UtcTiming,
} from './model.js';
import type { PeriodContext } from './period-context.js';
import { resolveUrl } from './resolve-url.js';
import {
  emptySegmentLevel,
  inheritSegments,
  noSegmentElements,
  readSegmentElement,
} from './segment-info.js';
import { childrenOf, linkedSegmentList, reportXlink, type XlinkResolutions } from './xlinks.js';
import { type XmlElement, XmlNamespaces } from './xml-reader.js';

/** Options of {@link buildManifest}. */
export interface BuildManifestOptions {
  /** URL the MPD was loaded from, the root of BaseURL resolution; null when unknown. */
  readonly baseUrl: string | null;
  /** Wall-clock time for live segment windows, ms since the epoch; null to list none. */
  readonly nowMs: number | null;
  /** Cap on BaseURL alternatives per element. */
  readonly maxBaseUrls: number;
  /** The `S` cap and the timelines read before the DOM was built. */
  readonly timelines: TimelineSource;
  /** Cap on Representations in the whole MPD (MPD_TOO_LARGE beyond). */
  readonly maxRepresentations: number;
  /** Where warnings go (strict: defects throw). */
  readonly diagnostics: Diagnostics;
  /** Resolved xlink elements (Period, AdaptationSet, EventStream), or null. */
  readonly xlinks: XlinkResolutions | null;
}

/** The trimmed, non-empty texts of the `name` children of `el` in namespace `ns`. */
function childTexts(el: XmlElement, ns: string | null, name: string): string[] {
  const refs: string[] = [];
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI === ns && c.localName === name) {
      const t = textOf(c);
      if (t !== '') refs.push(t);
    }
  }
  return refs;
}

/** The `BaseURL` children of `el` in `ns` (empty ones left out). */
function baseUrlRefsOf(el: XmlElement, ns: string | null, scope: Scope): BaseUrlRef[] {
  const refs: BaseUrlRef[] = [];
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI !== ns || c.localName !== 'BaseURL') continue;
    const ref = readBaseUrlRef(c, childScope(scope, `BaseURL[${refs.length}]`));
    if (ref !== null) refs.push(ref);
  }
  return refs;
}

function utcTimingsOf(root: XmlElement, ns: string | null, scope: Scope): UtcTiming[] {
  const out: UtcTiming[] = [];
  let k = 0;
  for (let c = firstElement(root); c !== null; c = nextElement(c)) {
    if (c.namespaceURI !== ns || c.localName !== 'UTCTiming') continue;
    const at = childScope(scope, `UTCTiming[${k++}]`);
    const d = attemptAt(at, () => readDescriptor(c), null, 'element left out', 'dropped');
    if (d !== null) out.push({ schemeIdUri: d.schemeIdUri, value: d.value });
  }
  return out;
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

interface PeriodTiming {
  readonly el: XmlElement;
  readonly scope: Scope;
  startS: number;
  durationS: number | null;
}

/** Period start/duration per ISO/IEC 23009-1 §5.3.2.1 (from @start, the previous period, or the MPD). */
function periodTimings(
  els: readonly XmlElement[],
  mpdDurationS: number | null,
  scope: Scope,
): PeriodTiming[] {
  const out: PeriodTiming[] = [];
  els.forEach((el, i) => {
    const at = childScope(scope, `Period[${i}]`);
    const prev = out[out.length - 1];
    const ignored = (name: string) => `@${name} ignored`;
    const start =
      attemptAt(at, () => durationAttr(el, 'start'), null, ignored('start')) ??
      (prev === undefined ? 0 : prev.durationS === null ? null : prev.startS + prev.durationS);
    const durationS = attemptAt(at, () => durationAttr(el, 'duration'), null, ignored('duration'));
    const ok = buildOrDrop(at, () => {
      if (start === null) {
        throw invalidAttribute(
          'Period',
          'start',
          'a start, or a previous Period with a duration',
          null,
        );
      }
      return start;
    });
    if (ok !== null) out.push({ el, scope: at, startS: ok, durationS });
  });
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
  const scope: Scope = { diag: o.diagnostics, path: '' };
  const ignored = (name: string) => `@${name} ignored`;
  const duration = (name: string) =>
    attemptAt(scope, () => durationAttr(root, name), null, ignored(name));
  const rawType = root.getAttribute('type') ?? 'static';
  const type: ManifestType = attemptAt(
    scope,
    () => {
      if (rawType !== 'static' && rawType !== 'dynamic') {
        throw invalidAttribute('MPD', 'type', '"static" or "dynamic"', rawType);
      }
      return rawType;
    },
    'static',
    'type taken as "static"',
  );
  const durationS = duration('mediaPresentationDuration');
  const availabilityStartTime = attemptAt(
    scope,
    () => {
      const raw = root.getAttribute('availabilityStartTime');
      if (raw !== null && parseIsoDateTimeMs(raw) === null) {
        throw invalidAttribute('MPD', 'availabilityStartTime', 'an xs:dateTime', raw);
      }
      return raw;
    },
    null,
    ignored('availabilityStartTime'),
  );
  const availabilityStartTimeMs =
    availabilityStartTime === null ? null : parseIsoDateTimeMs(availabilityStartTime);
  const timeShiftBufferDepthS = duration('timeShiftBufferDepth');
  const mpdBaseUrls = combineBaseUrls(
    documentBaseUrls(o.baseUrl),
    baseUrlRefsOf(root, ns, scope),
    o.maxBaseUrls,
  );

  const periodEls = childrenOf(root, ns, o.xlinks).filter((c) => c.localName === 'Period');
  const periods: Period[] = [];
  const budget = { left: o.maxRepresentations };
  for (const timing of periodTimings(periodEls, durationS, scope)) {
    const { el, scope: at } = timing;
    const ctx: PeriodContext = {
      mpdNamespace: ns,
      dynamic: type === 'dynamic',
      nowMs: o.nowMs,
      availabilityStartTimeMs,
      timeShiftBufferDepthS,
      periodStartS: timing.startS,
      periodDurationS: timing.durationS,
      maxBaseUrls: o.maxBaseUrls,
      timelines: o.timelines,
      xlinks: o.xlinks,
      representations: budget,
    };
    const period = buildOrDrop(at, () => {
      reportXlink(el, at);
      const baseRefs: BaseUrlRef[] = [];
      const own = noSegmentElements();
      const setEls: XmlElement[] = [];
      const eventStreams: EventStream[] = [];
      for (const c of childrenOf(el, ns, o.xlinks)) {
        if (c.localName === 'AdaptationSet') setEls.push(c);
        else if (c.localName === 'EventStream') {
          const es = childScope(at, `EventStream[${eventStreams.length}]`);
          const stream = buildOrDrop(es, () => readEventStream(c, timing.startS, es));
          if (stream !== null) eventStreams.push(stream);
        } else if (c.localName === 'BaseURL') {
          const ref = readBaseUrlRef(c, childScope(at, `BaseURL[${baseRefs.length}]`));
          if (ref !== null) baseRefs.push(ref);
        } else if (c.localName === 'SegmentList') {
          const list = linkedSegmentList(c, o.xlinks, at);
          if (list !== null) readSegmentElement(list, own, o.timelines, at);
        } else readSegmentElement(c, own, o.timelines, at);
      }
      const baseUrls = combineBaseUrls(mpdBaseUrls, baseRefs, o.maxBaseUrls);
      const segments = inheritSegments(emptySegmentLevel, own);
      const adaptationSets: AdaptationSet[] = [];
      setEls.forEach((s, k) => {
        const setScope = childScope(at, `AdaptationSet[${k}]`);
        const set = buildOrDrop(setScope, () => {
          reportXlink(s, setScope);
          return buildAdaptationSet(s, ctx, baseUrls, segments, k, setScope);
        });
        if (set !== null) adaptationSets.push(set);
      });
      return {
        id: el.getAttribute('id'),
        startS: timing.startS,
        durationS: timing.durationS,
        baseUrls: urlsOf(baseUrls),
        adaptationSets,
        eventStreams,
      };
    });
    if (period !== null) periods.push(period);
  }

  // At most 64 profiles: a 16 MB @profiles must not become millions of strings.
  const profiles = (root.getAttribute('profiles') ?? '')
    .split(',', 64)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return {
    type,
    profiles,
    durationS,
    minBufferTimeS: duration('minBufferTime'),
    availabilityStartTime,
    availabilityStartTimeMs,
    timeShiftBufferDepthS,
    minimumUpdatePeriodS: duration('minimumUpdatePeriod'),
    suggestedPresentationDelayS: duration('suggestedPresentationDelay'),
    locations: childTexts(root, ns, 'Location').map((l) =>
      o.baseUrl === null ? l : resolveUrl(l, o.baseUrl),
    ),
    utcTimings: utcTimingsOf(root, ns, scope),
    baseUrls: urlsOf(mpdBaseUrls),
    periods,
    warnings: o.diagnostics.warnings,
  };
}

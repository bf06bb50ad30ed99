import { LegatoError } from '@legato/errors';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { createSegmentIndex, type SegmentLocator } from './create-segment-index.js';
import { childScope, reportAt, type Scope } from './diagnostics.js';
import type { ByteRange, InitializationReference, SegmentIndex } from './model.js';
import type { PeriodContext } from './period-context.js';
import { resolveUrl } from './resolve-url.js';
import { createSegmentBaseIndex } from './segment-base-index.js';
import type { SegmentInfo, SegmentLevel } from './segment-info.js';
import { compileSegmentTemplate, expandSegmentTemplate } from './segment-template.js';
import {
  createUniformTiming,
  noSegments,
  type SegmentTiming,
  segmentsInSpan,
} from './segment-timing.js';
import { createTimelineTiming } from './timeline-timing.js';

/** What a representation's segment index depends on besides its segment elements. */
export interface SegmentIndexContext extends PeriodContext {
  /** Resolved BaseURL alternatives ([''] when none). */
  readonly baseUrls: readonly string[];
  readonly representationId: string;
  readonly bandwidth: number;
  /** Effective `@availabilityTimeOffset` (segment element + BaseURLs), seconds; 0 when none. */
  readonly availabilityTimeOffsetS: number;
  /** The Representation's scope, for warnings. */
  readonly scope: Scope;
}

const noRange: SegmentLocator['range'] = () => null;

/** Seconds since the period start at `nowMs`, or null when not live or unknown. */
function elapsedInPeriodS(ctx: SegmentIndexContext): number | null {
  if (!ctx.dynamic || ctx.nowMs === null || ctx.availabilityStartTimeMs === null) return null;
  return (ctx.nowMs - ctx.availabilityStartTimeMs) / 1000 - ctx.periodStartS;
}

/** The availability offset that moves an open-ended timeline's end: `INF` lists none extra. */
function finiteOffset(ctx: SegmentIndexContext): number {
  const o = ctx.availabilityTimeOffsetS;
  return Number.isFinite(o) ? o : 0;
}

/** Caps a count at 2^53 − 1 (every position an exact number), reporting the cut. */
function safeCount(count: number, ctx: SegmentIndexContext, kind: string): number {
  if (count <= Number.MAX_SAFE_INTEGER) return count;
  reportAt(
    childScope(ctx.scope, kind),
    new LegatoError(
      'MPD_TOO_MANY_SEGMENTS',
      `<${kind}> duration: expected at most 2^53 - 1 segments in the period, received ${count}`,
      { details: { element: kind, attribute: 'duration' } },
    ),
    'repaired',
    `the index lists the first ${Number.MAX_SAFE_INTEGER}`,
  );
  return Number.MAX_SAFE_INTEGER;
}

/**
 * Which equal-duration positions `[first, end)` exist: a SegmentList's entries within the
 * period; for a live template the complete segments at `nowMs` inside `timeShiftBufferDepth`;
 * otherwise the segments that start within the period (none for live without a clock).
 */
function uniformWindow(
  ts: number,
  d: number,
  ctx: SegmentIndexContext,
  listLength: number | null,
  availabilityTimeOffsetS: number,
): { first: number; end: number } {
  const spanCount =
    ctx.periodDurationS === null ? null : segmentsInSpan(ctx.periodDurationS * ts, d);
  if (listLength !== null) {
    return { first: 0, end: spanCount === null ? listLength : Math.min(listLength, spanCount) };
  }
  const elapsedS = elapsedInPeriodS(ctx);
  if (elapsedS !== null) {
    // Segment counts in timescale units, with the same float-dust tolerance as segmentsInSpan.
    const segmentsBefore = (s: number) => Math.max(0, Math.floor((s * ts) / d + 1e-6));
    // A segment is available once AST + its end − availabilityTimeOffset ≤ now (§5.3.9.5.3);
    // with INF, as soon as it starts.
    let end =
      availabilityTimeOffsetS === Number.POSITIVE_INFINITY
        ? Math.max(0, Math.floor((elapsedS * ts) / d) + 1)
        : segmentsBefore(elapsedS + availabilityTimeOffsetS);
    if (spanCount !== null) end = Math.min(end, spanCount);
    const depthS = ctx.timeShiftBufferDepthS;
    const first = depthS === null ? 0 : Math.min(end, segmentsBefore(elapsedS - depthS));
    return { first, end };
  }
  return { first: 0, end: ctx.dynamic && spanCount === null ? 0 : (spanCount ?? 0) };
}

function uniformTiming(
  info: SegmentInfo,
  ts: number,
  d: number,
  ctx: SegmentIndexContext,
  listLength: number | null,
): { timing: SegmentTiming; firstOffset: number } {
  const { first, end: windowEnd } = uniformWindow(
    ts,
    d,
    ctx,
    listLength,
    ctx.availabilityTimeOffsetS,
  );
  const end =
    info.endNumber === null
      ? windowEnd
      : Math.min(windowEnd, info.endNumber - (info.startNumber ?? 1) + 1);
  const timing = createUniformTiming({
    timescale: ts,
    durationUnits: d,
    ptoUnits: info.presentationTimeOffset ?? 0,
    firstOffset: first,
    count: safeCount(Math.max(0, end - first), ctx, info.kind),
    endUnits: ctx.periodDurationS === null ? Number.POSITIVE_INFINITY : ctx.periodDurationS * ts,
  });
  return { timing, firstOffset: first };
}

function capped(timing: SegmentTiming, count: number): SegmentTiming {
  return count >= timing.count ? timing : { ...timing, count: Math.max(0, count) };
}

/** Caps a timing at `sequences` Segment Sequences (`@endNumber` counts sequences under `S@k`). */
function cappedSequences(timing: SegmentTiming, sequences: number): SegmentTiming {
  const sequence = timing.sequence;
  if (sequence === undefined) return capped(timing, sequences);
  let lo = 0;
  let hi = timing.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sequence(mid) < sequences) lo = mid + 1;
    else hi = mid;
  }
  return capped(timing, lo);
}

function timingOf(
  info: SegmentInfo,
  ctx: SegmentIndexContext,
  listLength: number | null,
): { timing: SegmentTiming; firstOffset: number } {
  const ts = info.timescale ?? 1;
  if (info.timeline !== null) {
    const elapsedS = elapsedInPeriodS(ctx);
    const at = childScope(childScope(ctx.scope, info.kind), 'SegmentTimeline');
    // S@k addresses parts through $SubNumber$: a SegmentTemplate feature; a list has one URL per S.
    const raw = info.kind === 'SegmentTemplate' ? info.timeline : { ...info.timeline, k: null };
    let timing = createTimelineTiming(
      raw,
      ts,
      info.presentationTimeOffset ?? 0,
      {
        endUnits: ctx.periodDurationS === null ? null : ctx.periodDurationS * ts,
        // A segment is available once its end − availabilityTimeOffset ≤ now (§5.3.9.5.3).
        nowUnits: elapsedS === null ? null : (elapsedS + finiteOffset(ctx)) * ts,
      },
      (k, error, action, what) => reportAt(childScope(at, `S[${k}]`), error, action, what),
    );
    if (listLength !== null) timing = capped(timing, listLength);
    if (info.endNumber !== null)
      timing = cappedSequences(timing, info.endNumber - (info.startNumber ?? 1) + 1);
    return { timing, firstOffset: 0 };
  }
  if (info.duration !== null) return uniformTiming(info, ts, info.duration, ctx, listLength);
  if (listLength === 1 && ctx.periodDurationS !== null) {
    const d = Math.max(1, Math.round(ctx.periodDurationS * ts));
    return uniformTiming(info, ts, d, ctx, 1);
  }
  throw invalidAttribute(info.kind, 'duration', 'a @duration or a SegmentTimeline child', null);
}

/** A `sourceURL` + `range` reference (Initialization, RepresentationIndex), resolved. */
function resourceOf(
  ref: { readonly sourceUrl: string | null; readonly range: ByteRange | null } | null,
  ctx: SegmentIndexContext,
): InitializationReference | null {
  if (ref === null) return null;
  const base = ctx.baseUrls[0]!;
  return { url: ref.sourceUrl === null ? base : resolveUrl(ref.sourceUrl, base), range: ref.range };
}

/** A template without `$Number$`/`$Time$` (`@initialization`, `@index`), resolved. */
function fixedTemplate(
  template: string | null,
  attribute: string,
  ctx: SegmentIndexContext,
): InitializationReference | null {
  if (template === null) return null;
  const t = compileSegmentTemplate(template, attribute, ctx.representationId, ctx.bandwidth);
  if (t.slots.length > 0) {
    throw invalidAttribute(
      'SegmentTemplate',
      attribute,
      'no $Number$, $Time$ or $SubNumber$',
      template,
    );
  }
  return { url: resolveUrl(t.literals[0]!, ctx.baseUrls[0]!), range: null };
}

function initOf(info: SegmentInfo, ctx: SegmentIndexContext): InitializationReference | null {
  return (
    fixedTemplate(info.initializationTemplate, 'initialization', ctx) ??
    resourceOf(info.initialization, ctx)
  );
}

function templateIndex(info: SegmentInfo, ctx: SegmentIndexContext): SegmentIndex {
  if (info.media === null)
    throw invalidAttribute('SegmentTemplate', 'media', 'a URL template', null);
  const index = fixedTemplate(info.indexTemplate, 'index', ctx);
  if (info.timeline === null && info.duration === null && index !== null) {
    // Indexed addressing (§5.3.9.4.2): one media resource, its segments in the sidx at @index.
    const media = fixedTemplate(info.media, 'media', ctx)!;
    return baseIndex(info, { ...ctx, baseUrls: [media.url] }, index);
  }
  const media = compileSegmentTemplate(info.media, 'media', ctx.representationId, ctx.bandwidth);
  const { timing, firstOffset } = timingOf(info, ctx, null);
  return createSegmentIndex({
    addressing: info.timeline === null ? 'SegmentTemplate' : 'SegmentTimeline',
    timing,
    locator: {
      path: (_i, number, time, subNumber) => expandSegmentTemplate(media, number, time, subNumber),
      range: noRange,
    },
    periodStartS: ctx.periodStartS,
    firstNumber: (info.startNumber ?? 1) + firstOffset,
    baseUrls: ctx.baseUrls,
    initialization: initOf(info, ctx),
    index,
  });
}

function listIndex(info: SegmentInfo, ctx: SegmentIndexContext): SegmentIndex {
  const urls = info.segmentUrls;
  const length = urls === null ? 0 : urls.rangeStart.length;
  const { timing } = length === 0 ? { timing: noSegments } : timingOf(info, ctx, length);
  const media = urls?.media ?? null;
  const rangeStart = urls?.rangeStart;
  const rangeEnd = urls?.rangeEnd;
  const range = (i: number): ByteRange | null => {
    const start = rangeStart![i]!;
    return Number.isNaN(start) ? null : { start, end: rangeEnd![i]! };
  };
  return createSegmentIndex({
    addressing: 'SegmentList',
    timing,
    locator: { path: media === null ? () => null : (i) => media[i] ?? null, range },
    periodStartS: ctx.periodStartS,
    firstNumber: info.startNumber ?? 1,
    baseUrls: ctx.baseUrls,
    initialization: initOf(info, ctx),
  });
}

/** One segment: the whole resource over the whole period (§5.3.9.2 without an index). */
function singleSegmentIndex(
  ctx: SegmentIndexContext,
  initialization: InitializationReference | null,
): SegmentIndex {
  const durationS = ctx.periodDurationS ?? Number.POSITIVE_INFINITY;
  return createSegmentIndex({
    addressing: 'SingleSegment',
    timing: {
      count: durationS > 0 ? 1 : 0,
      timescale: 1,
      start: () => 0,
      duration: () => durationS,
      mediaTime: () => 0,
    },
    locator: { path: () => null, range: noRange },
    periodStartS: ctx.periodStartS,
    firstNumber: 1,
    baseUrls: ctx.baseUrls,
    initialization,
  });
}

/** A SegmentBase-style index: segments come from the sidx at `index` (or one segment without). */
function baseIndex(
  info: SegmentInfo,
  ctx: SegmentIndexContext,
  index: InitializationReference | null,
): SegmentIndex {
  const initialization = initOf(info, ctx);
  if (index === null) return singleSegmentIndex(ctx, initialization);
  return createSegmentBaseIndex({
    initialization,
    index,
    timescale: info.timescale,
    ptoUnits: info.presentationTimeOffset ?? 0,
    periodStartS: ctx.periodStartS,
    periodDurationS: ctx.periodDurationS,
    baseUrls: ctx.baseUrls,
  });
}

/** Builds the lazy segment index of one representation from its inherited segment elements. */
export function buildSegmentIndex(level: SegmentLevel, ctx: SegmentIndexContext): SegmentIndex {
  switch (level.active) {
    case 'SegmentTemplate':
      return templateIndex(level.template!, ctx);
    case 'SegmentList':
      return listIndex(level.list!, ctx);
    case 'SegmentBase': {
      const info = level.base!;
      const index =
        info.indexRange !== null
          ? { url: ctx.baseUrls[0]!, range: info.indexRange }
          : resourceOf(info.representationIndex, ctx);
      return baseIndex(info, ctx, index);
    }
    default:
      return singleSegmentIndex(ctx, null);
  }
}

import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { createSegmentIndex, type SegmentLocator } from './create-segment-index.js';
import type { ByteRange, InitializationReference, SegmentIndex } from './model.js';
import type { PeriodContext } from './period-context.js';
import { resolveUrl } from './resolve-url.js';
import { createSegmentBaseIndex } from './segment-base-index.js';
import type { SegmentInfo, SegmentLevel } from './segment-info.js';
import { compileSegmentTemplate, expandSegmentTemplate } from './segment-template.js';
import { createUniformTiming, type SegmentTiming, segmentsInSpan } from './segment-timing.js';
import { createTimelineTiming } from './timeline-timing.js';

/** What a representation's segment index depends on besides its segment elements. */
export interface SegmentIndexContext extends PeriodContext {
  /** Resolved BaseURL alternatives ([''] when none). */
  readonly baseUrls: readonly string[];
  readonly representationId: string;
  readonly bandwidth: number;
}

const noRange: SegmentLocator['range'] = () => null;

/** Seconds since the period start at `nowMs`, or null when not live or unknown. */
function elapsedInPeriodS(ctx: SegmentIndexContext): number | null {
  if (!ctx.dynamic || ctx.nowMs === null || ctx.availabilityStartTimeMs === null) return null;
  return (ctx.nowMs - ctx.availabilityStartTimeMs) / 1000 - ctx.periodStartS;
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
    let end = segmentsBefore(elapsedS);
    if (spanCount !== null) end = Math.min(end, spanCount);
    const depthS = ctx.timeShiftBufferDepthS;
    const first = depthS === null ? 0 : segmentsBefore(elapsedS - depthS);
    return { first, end };
  }
  return { first: 0, end: ctx.dynamic && spanCount === null ? 0 : (spanCount ?? 0) };
}

function uniformTiming(
  info: SegmentInfo,
  ts: number,
  d: number,
  pto: number,
  ctx: SegmentIndexContext,
  listLength: number | null,
): { timing: SegmentTiming; firstOffset: number } {
  const { first, end: windowEnd } = uniformWindow(ts, d, ctx, listLength);
  const end =
    info.endNumber === null
      ? windowEnd
      : Math.min(windowEnd, info.endNumber - (info.startNumber ?? 1) + 1);
  const endUnits =
    ctx.periodDurationS === null ? Number.POSITIVE_INFINITY : pto + ctx.periodDurationS * ts;
  const timing = createUniformTiming({
    timescale: ts,
    durationUnits: d,
    originUnits: pto,
    firstOffset: first,
    count: Math.max(0, end - first),
    endUnits,
  });
  return { timing, firstOffset: first };
}

/** How many segments of `timing` start before media time `endUnits` (period end). */
function startingBefore(timing: SegmentTiming, endUnits: number): number {
  const n = timing.count;
  if (n === 0) return 0;
  let k = timing.locate(endUnits);
  while (k < n && timing.start(k) < endUnits) k++;
  while (k > 0 && timing.start(k - 1) >= endUnits) k--;
  return k;
}

function capped(timing: SegmentTiming, count: number): SegmentTiming {
  if (count >= timing.count) return timing;
  return { ...timing, count, locate: (u) => Math.min(timing.locate(u), count - 1) };
}

function timingOf(
  info: SegmentInfo,
  ctx: SegmentIndexContext,
  listLength: number | null,
): { timing: SegmentTiming; firstOffset: number } {
  const ts = info.timescale ?? 1;
  const pto = info.presentationTimeOffset ?? 0;
  if (info.timeline !== null) {
    const elapsedS = elapsedInPeriodS(ctx);
    const endUnits = ctx.periodDurationS === null ? null : pto + ctx.periodDurationS * ts;
    let timing = createTimelineTiming(info.timeline, ts, pto, {
      endUnits,
      nowUnits: elapsedS === null ? null : pto + elapsedS * ts,
    });
    if (endUnits !== null) timing = capped(timing, startingBefore(timing, endUnits));
    if (listLength !== null) timing = capped(timing, listLength);
    if (info.endNumber !== null)
      timing = capped(timing, Math.max(0, info.endNumber - (info.startNumber ?? 1) + 1));
    return { timing, firstOffset: 0 };
  }
  if (info.duration !== null) return uniformTiming(info, ts, info.duration, pto, ctx, listLength);
  if (listLength === 1 && ctx.periodDurationS !== null) {
    const d = Math.max(1, Math.round(ctx.periodDurationS * ts));
    return uniformTiming(info, ts, d, pto, ctx, 1);
  }
  throw invalidAttribute(info.kind, 'duration', 'a @duration or a SegmentTimeline child', null);
}

function initOf(info: SegmentInfo, ctx: SegmentIndexContext): InitializationReference | null {
  const base = ctx.baseUrls[0]!;
  if (info.initializationTemplate !== null) {
    const t = compileSegmentTemplate(
      info.initializationTemplate,
      'initialization',
      ctx.representationId,
      ctx.bandwidth,
    );
    if (t.slots.length > 0) {
      throw invalidAttribute(
        'SegmentTemplate',
        'initialization',
        'no $Number$ or $Time$',
        info.initializationTemplate,
      );
    }
    return { url: resolveUrl(t.literals[0]!, base), range: null };
  }
  const init = info.initialization;
  if (init === null) return null;
  return {
    url: init.sourceUrl === null ? base : resolveUrl(init.sourceUrl, base),
    range: init.range,
  };
}

function templateIndex(info: SegmentInfo, ctx: SegmentIndexContext): SegmentIndex {
  if (info.media === null)
    throw invalidAttribute('SegmentTemplate', 'media', 'a URL template', null);
  const media = compileSegmentTemplate(info.media, 'media', ctx.representationId, ctx.bandwidth);
  const { timing, firstOffset } = timingOf(info, ctx, null);
  return createSegmentIndex({
    addressing: info.timeline === null ? 'SegmentTemplate' : 'SegmentTimeline',
    timing,
    locator: {
      path: (_i, number, time) => expandSegmentTemplate(media, number, time),
      range: noRange,
    },
    periodStartS: ctx.periodStartS,
    ptoUnits: info.presentationTimeOffset ?? 0,
    firstNumber: (info.startNumber ?? 1) + firstOffset,
    baseUrls: ctx.baseUrls,
    initialization: initOf(info, ctx),
  });
}

function listIndex(info: SegmentInfo, ctx: SegmentIndexContext): SegmentIndex {
  const urls = info.segmentUrls;
  const length = urls === null ? 0 : urls.rangeStart.length;
  const { timing } =
    length === 0
      ? {
          timing: createUniformTiming({
            timescale: 1,
            durationUnits: 1,
            originUnits: 0,
            firstOffset: 0,
            count: 0,
          }),
        }
      : timingOf(info, ctx, length);
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
    ptoUnits: info.presentationTimeOffset ?? 0,
    firstNumber: info.startNumber ?? 1,
    baseUrls: ctx.baseUrls,
    initialization: initOf(info, ctx),
  });
}

function singleSegmentIndex(ctx: SegmentIndexContext): SegmentIndex {
  const durationS = ctx.periodDurationS ?? Number.POSITIVE_INFINITY;
  return createSegmentIndex({
    addressing: 'SingleSegment',
    timing: {
      count: 1,
      timescale: 1,
      start: () => 0,
      duration: () => durationS,
      locate: () => 0,
    },
    locator: { path: () => null, range: noRange },
    periodStartS: ctx.periodStartS,
    ptoUnits: 0,
    firstNumber: 1,
    baseUrls: ctx.baseUrls,
    initialization: null,
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
      return createSegmentBaseIndex({
        initialization: initOf(info, ctx),
        indexRange: info.indexRange,
        timescale: info.timescale,
        ptoUnits: info.presentationTimeOffset ?? 0,
        periodStartS: ctx.periodStartS,
        baseUrls: ctx.baseUrls,
      });
    }
    default:
      return singleSegmentIndex(ctx);
  }
}

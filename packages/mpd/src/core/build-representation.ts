import { parseUnsignedInt, uintAttr } from '../_internal/attributes.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { type BaseUrlEntry, combineBaseUrls, urlsOf } from './base-urls.js';
import { buildSegmentIndex } from './build-segment-index.js';
import { finishContentProtection } from './content-protection.js';
import { DescriptorSchemes, descriptorValue, uintPropertyOf } from './descriptors.js';
import { attemptAt, type Scope } from './diagnostics.js';
import { readLevelChildren } from './level-children.js';
import type { ContentProtection, Descriptor, Representation } from './model.js';
import type { PeriodContext } from './period-context.js';
import {
  inheritSegments,
  type SegmentInfo,
  type SegmentLevel,
  segmentInfoOf,
} from './segment-info.js';
import type { XmlElement } from './xml-reader.js';

/** What a Representation inherits from its AdaptationSet, Period and MPD. */
export interface RepresentationParent {
  readonly context: PeriodContext;
  readonly codecs: string | null;
  readonly mimeType: string | null;
  readonly audioSamplingRate: number | null;
  readonly channels: number | null;
  readonly supplementalProperties: readonly Descriptor[];
  readonly inbandEventStreams: readonly Descriptor[];
  readonly contentProtection: readonly ContentProtection[];
  readonly defaultKid: string | null;
  readonly baseUrls: readonly BaseUrlEntry[];
  readonly segments: SegmentLevel;
  /** Position of the AdaptationSet in its Period (for the id of a Representation without one). */
  readonly setPosition: number;
}

/** `@audioSamplingRate`: one rate or a "min max" range; the first number, in Hz. */
export function samplingRateAttr(el: XmlElement): number | null {
  const raw = el.getAttribute('audioSamplingRate');
  if (raw === null) return null;
  let v = parseUnsignedInt(raw);
  if (Number.isNaN(v)) {
    const first = raw.trim().split(/\s+/)[0] ?? '';
    v = /^\d{1,9}$/.test(first) ? Number(first) : Number.NaN;
  }
  if (Number.isNaN(v))
    throw invalidAttribute(el.localName ?? '?', 'audioSamplingRate', 'a rate in Hz', raw);
  return v;
}

/**
 * The availability of a Representation's segments (ISO/IEC 23009-1 §5.3.9.5.3): the
 * segment element's `@availabilityTimeOffset` adds to its first BaseURL's (itself the sum along
 * its chain); the segment element's `@availabilityTimeComplete` wins over the BaseURL's. Null
 * when no level gives one.
 */
function availabilityOf(
  segment: SegmentInfo | null,
  base: BaseUrlEntry | undefined,
): { offsetS: number | null; complete: boolean | null } {
  const own = segment?.availabilityTimeOffsetS ?? null;
  const fromBase = base?.availabilityTimeOffsetS ?? null;
  return {
    offsetS: own === null ? fromBase : fromBase === null ? own : own + fromBase,
    complete: segment?.availabilityTimeComplete ?? base?.availabilityTimeComplete ?? null,
  };
}

/**
 * Builds one Representation with everything inherited. A missing `@id` becomes
 * `a<set position>r<position>`, a missing or malformed `@bandwidth` 0, a malformed optional
 * attribute is ignored (each reported at `scope`); a defect in its segment addressing throws.
 */
export function buildRepresentation(
  el: XmlElement,
  parent: RepresentationParent,
  position: number,
  scope: Scope,
): Representation {
  const rawId = el.getAttribute('id');
  const id =
    rawId !== null && rawId !== ''
      ? rawId
      : attemptAt(
          scope,
          () => {
            throw invalidAttribute('Representation', 'id', 'a non-empty id', rawId);
          },
          `a${parent.setPosition}r${position}`,
          `id taken as "a${parent.setPosition}r${position}"`,
        );
  const bandwidth = attemptAt(
    scope,
    () => {
      const v = uintAttr(el, 'bandwidth');
      if (v === null)
        throw invalidAttribute('Representation', 'bandwidth', 'bits per second', null);
      return v;
    },
    0,
    'bandwidth taken as 0',
  );
  const ctx = parent.context;
  const ns = ctx.mpdNamespace;
  const kids = readLevelChildren(el, ns, ctx.timelines, scope, ctx.xlinks);
  const supplemental = kids.supplemental;
  const baseEntries = combineBaseUrls(parent.baseUrls, kids.baseUrlRefs, ctx.maxBaseUrls);
  const baseUrls = urlsOf(baseEntries);
  const segments = inheritSegments(parent.segments, kids.segments);
  const active = segments.active === null ? null : segmentInfoOf(segments);
  const availability = availabilityOf(active, baseEntries[0]);
  const ownProtection = finishContentProtection(kids.protection, parent.defaultKid);
  const contentProtection =
    ownProtection.length === 0
      ? parent.contentProtection
      : [...parent.contentProtection, ...ownProtection];
  const r: { -readonly [K in keyof Representation]: Representation[K] } = {
    id,
    bandwidth,
    codecs: el.getAttribute('codecs') ?? parent.codecs,
    mimeType: el.getAttribute('mimeType') ?? parent.mimeType,
    baseUrls,
    supplementalProperties: supplemental,
    essentialProperties: kids.essential,
    contentProtection,
    inbandEventStreams:
      kids.inband.length === 0
        ? parent.inbandEventStreams
        : [...parent.inbandEventStreams, ...kids.inband],
    segmentIndex: buildSegmentIndex(segments, {
      ...ctx,
      baseUrls: baseUrls.length === 0 ? [''] : baseUrls,
      representationId: id,
      bandwidth,
      availabilityTimeOffsetS: availability.offsetS ?? 0,
      scope,
    }),
  };
  const ignored = (name: string) => `@${name} ignored`;
  if (availability.offsetS !== null) r.availabilityTimeOffsetS = availability.offsetS;
  if (availability.complete !== null) r.availabilityTimeComplete = availability.complete;
  const qualityRanking = attemptAt(
    scope,
    () => uintAttr(el, 'qualityRanking'),
    null,
    ignored('qualityRanking'),
  );
  if (qualityRanking !== null) r.qualityRanking = qualityRanking;
  const rate =
    attemptAt(scope, () => samplingRateAttr(el), null, ignored('audioSamplingRate')) ??
    parent.audioSamplingRate;
  if (rate !== null) r.audioSamplingRate = rate;
  const channels = kids.channels ?? parent.channels;
  if (channels !== null) r.channels = channels;
  const bitDepth = attemptAt(
    scope,
    () =>
      uintPropertyOf(supplemental, DescriptorSchemes.amazonBitDepth) ??
      uintPropertyOf(parent.supplementalProperties, DescriptorSchemes.amazonBitDepth),
    undefined,
    'bit depth ignored',
  );
  if (bitDepth !== undefined) r.bitDepth = bitDepth;
  const streamName =
    descriptorValue(supplemental, DescriptorSchemes.amazonStreamName) ??
    descriptorValue(parent.supplementalProperties, DescriptorSchemes.amazonStreamName);
  if (streamName !== undefined && streamName !== null) r.streamName = streamName;
  return r;
}

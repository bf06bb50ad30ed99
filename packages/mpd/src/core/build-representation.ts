import { parseUnsignedInt, uintAttr } from '../_internal/attributes.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { combineBaseUrls } from './base-urls.js';
import { buildSegmentIndex } from './build-segment-index.js';
import { finishContentProtection } from './content-protection.js';
import { DescriptorSchemes, descriptorValue, uintPropertyOf } from './descriptors.js';
import { readLevelChildren } from './level-children.js';
import type { ContentProtection, Descriptor, Representation } from './model.js';
import type { PeriodContext } from './period-context.js';
import { inheritSegments, type SegmentLevel } from './segment-info.js';
import type { XmlElement } from './xml-reader.js';

/** What a Representation inherits from its AdaptationSet, Period and MPD. */
export interface RepresentationParent {
  readonly context: PeriodContext;
  readonly codecs: string | null;
  readonly mimeType: string | null;
  readonly audioSamplingRate: number | null;
  readonly channels: number | null;
  readonly supplementalProperties: readonly Descriptor[];
  readonly contentProtection: readonly ContentProtection[];
  readonly defaultKid: string | null;
  readonly baseUrls: readonly string[];
  readonly segments: SegmentLevel;
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

/** Builds one Representation with everything inherited. */
export function buildRepresentation(el: XmlElement, parent: RepresentationParent): Representation {
  const id = el.getAttribute('id');
  if (id === null || id === '')
    throw invalidAttribute('Representation', 'id', 'a non-empty id', id);
  const bandwidth = uintAttr(el, 'bandwidth');
  if (bandwidth === null)
    throw invalidAttribute('Representation', 'bandwidth', 'bits per second', null);
  const ctx = parent.context;
  const ns = ctx.mpdNamespace;
  const kids = readLevelChildren(el, ns, ctx.maxTimelineEntries);
  const supplemental = kids.supplemental;
  const baseUrls = combineBaseUrls(parent.baseUrls, kids.baseUrlRefs, ctx.maxBaseUrls);
  const segments = inheritSegments(parent.segments, kids.segments);
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
    segmentIndex: buildSegmentIndex(segments, {
      ...ctx,
      baseUrls: baseUrls.length === 0 ? [''] : baseUrls,
      representationId: id,
      bandwidth,
    }),
  };
  const qualityRanking = uintAttr(el, 'qualityRanking');
  if (qualityRanking !== null) r.qualityRanking = qualityRanking;
  const rate = samplingRateAttr(el) ?? parent.audioSamplingRate;
  if (rate !== null) r.audioSamplingRate = rate;
  const channels = kids.channels ?? parent.channels;
  if (channels !== null) r.channels = channels;
  const bitDepth =
    uintPropertyOf(supplemental, DescriptorSchemes.amazonBitDepth) ??
    uintPropertyOf(parent.supplementalProperties, DescriptorSchemes.amazonBitDepth);
  if (bitDepth !== undefined) r.bitDepth = bitDepth;
  const streamName =
    descriptorValue(supplemental, DescriptorSchemes.amazonStreamName) ??
    descriptorValue(parent.supplementalProperties, DescriptorSchemes.amazonStreamName);
  if (streamName !== undefined && streamName !== null) r.streamName = streamName;
  return r;
}

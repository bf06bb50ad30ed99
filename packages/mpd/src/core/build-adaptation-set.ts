import { uintAttr } from '../_internal/attributes.js';
import { combineBaseUrls } from './base-urls.js';
import { buildRepresentation, samplingRateAttr } from './build-representation.js';
import { finishContentProtection, mp4ProtectionKid } from './content-protection.js';
import { loudnessOf, switchableWithOf, trackTypeOf } from './descriptors.js';
import { readLevelChildren } from './level-children.js';
import type { AdaptationSet } from './model.js';
import type { PeriodContext } from './period-context.js';
import { inheritSegments, type SegmentLevel } from './segment-info.js';
import type { XmlElement } from './xml-reader.js';

function typeOfMime(mime: string | null): string | null {
  if (mime === null) return null;
  const slash = mime.indexOf('/');
  return slash > 0 ? mime.slice(0, slash) : null;
}

/** Builds one AdaptationSet and its Representations. */
export function buildAdaptationSet(
  el: XmlElement,
  ctx: PeriodContext,
  parentBaseUrls: readonly string[],
  parentSegments: SegmentLevel,
): AdaptationSet {
  const kids = readLevelChildren(el, ctx.mpdNamespace, ctx.maxTimelineEntries);
  const supplemental = kids.supplemental;
  const contentProtection = finishContentProtection(kids.protection, null);
  const mimeType = el.getAttribute('mimeType');
  const codecs = el.getAttribute('codecs');
  const parent = {
    context: ctx,
    codecs,
    mimeType,
    audioSamplingRate: samplingRateAttr(el),
    channels: kids.channels,
    supplementalProperties: supplemental,
    contentProtection,
    defaultKid: mp4ProtectionKid(contentProtection),
    baseUrls: combineBaseUrls(parentBaseUrls, kids.baseUrlRefs, ctx.maxBaseUrls),
    segments: inheritSegments(parentSegments, kids.segments),
  };
  const representations = kids.representations.map((r) => buildRepresentation(r, parent));
  const set: { -readonly [K in keyof AdaptationSet]: AdaptationSet[K] } = {
    id: el.getAttribute('id'),
    contentType:
      el.getAttribute('contentType') ??
      typeOfMime(mimeType) ??
      typeOfMime(representations[0]?.mimeType ?? null),
    mimeType,
    codecs,
    lang: el.getAttribute('lang'),
    selectionPriority: uintAttr(el, 'selectionPriority') ?? 1,
    switchableWith: switchableWithOf(supplemental),
    supplementalProperties: supplemental,
    essentialProperties: kids.essential,
    contentProtection,
    representations,
  };
  const trackType = trackTypeOf(supplemental);
  if (trackType !== undefined) set.trackType = trackType;
  const loudness = loudnessOf(supplemental);
  if (loudness !== undefined) set.loudness = loudness;
  return set;
}

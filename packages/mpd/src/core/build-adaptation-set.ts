import { isLegatoError, LegatoError } from '@legato/errors';
import { uintAttr } from '../_internal/attributes.js';
import { type BaseUrlEntry, combineBaseUrls } from './base-urls.js';
import { buildRepresentation, samplingRateAttr } from './build-representation.js';
import { finishContentProtection, mp4ProtectionKid } from './content-protection.js';
import { loudnessOf, switchableWithOf, trackTypeOf } from './descriptors.js';
import {
  attemptAt,
  childScope,
  isWarningCode,
  type MpdWarningCode,
  reportAt,
  type Scope,
} from './diagnostics.js';
import { readLevelChildren } from './level-children.js';
import type { AdaptationSet, Representation } from './model.js';
import type { PeriodContext } from './period-context.js';
import { inheritSegments, type SegmentLevel } from './segment-info.js';
import type { XmlElement } from './xml-reader.js';

function typeOfMime(mime: string | null): string | null {
  if (mime === null) return null;
  const slash = mime.indexOf('/');
  return slash > 0 ? mime.slice(0, slash) : null;
}

/**
 * Runs `build`; a lenient-mode LegatoError drops the element (reported at `scope`), anything
 * else propagates. Returns null for a dropped element.
 */
export function buildOrDrop<T>(scope: Scope, build: () => T): T | null {
  try {
    return build();
  } catch (error) {
    if (!isLegatoError(error) || !isWarningCode(error.code)) throw error;
    reportAt(scope, error as LegatoError<MpdWarningCode>, 'dropped', 'element left out');
    return null;
  }
}

/** Builds one AdaptationSet and its Representations (a defective Representation is dropped). */
export function buildAdaptationSet(
  el: XmlElement,
  ctx: PeriodContext,
  parentBaseUrls: readonly BaseUrlEntry[],
  parentSegments: SegmentLevel,
  position: number,
  scope: Scope,
): AdaptationSet {
  const kids = readLevelChildren(el, ctx.mpdNamespace, ctx.timelines, scope, ctx.xlinks);
  const supplemental = kids.supplemental;
  const contentProtection = finishContentProtection(kids.protection, null);
  const mimeType = el.getAttribute('mimeType');
  const codecs = el.getAttribute('codecs');
  const ignored = (name: string) => `${name} ignored`;
  const parent = {
    context: ctx,
    codecs,
    mimeType,
    audioSamplingRate: attemptAt(
      scope,
      () => samplingRateAttr(el),
      null,
      ignored('@audioSamplingRate'),
    ),
    channels: kids.channels,
    supplementalProperties: supplemental,
    inbandEventStreams: kids.inband,
    contentProtection,
    defaultKid: mp4ProtectionKid(contentProtection),
    baseUrls: combineBaseUrls(parentBaseUrls, kids.baseUrlRefs, ctx.maxBaseUrls),
    segments: inheritSegments(parentSegments, kids.segments),
    setPosition: position,
  };
  const representations: Representation[] = [];
  ctx.representations.left -= kids.representations.length;
  if (ctx.representations.left < 0) {
    throw new LegatoError(
      'MPD_TOO_LARGE',
      'expected at most caps.maxRepresentations Representations in the MPD, received more',
      { details: { element: 'Representation' } },
    );
  }
  kids.representations.forEach((r, k) => {
    const at = childScope(scope, `Representation[${k}]`);
    const rep = buildOrDrop(at, () => buildRepresentation(r, parent, k, at));
    if (rep !== null) representations.push(rep);
  });
  const set: { -readonly [K in keyof AdaptationSet]: AdaptationSet[K] } = {
    id: el.getAttribute('id'),
    contentType:
      el.getAttribute('contentType') ??
      typeOfMime(mimeType) ??
      typeOfMime(representations[0]?.mimeType ?? null),
    mimeType,
    codecs,
    lang: el.getAttribute('lang'),
    selectionPriority:
      attemptAt(
        scope,
        () => uintAttr(el, 'selectionPriority'),
        null,
        ignored('@selectionPriority'),
      ) ?? 1,
    switchableWith: switchableWithOf(supplemental),
    supplementalProperties: supplemental,
    essentialProperties: kids.essential,
    contentProtection,
    representations,
  };
  const trackType = trackTypeOf(supplemental);
  if (trackType !== undefined) set.trackType = trackType;
  const loudness = attemptAt(scope, () => loudnessOf(supplemental), undefined, ignored('loudness'));
  if (loudness !== undefined) set.loudness = loudness;
  return set;
}

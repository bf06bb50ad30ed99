import { firstElement, nextElement } from '../_internal/children.js';
import { type BaseUrlRef, readBaseUrlRef } from './base-urls.js';
import { type ContentProtectionDraft, readContentProtection } from './content-protection.js';
import { channelsOf, readDescriptor } from './descriptors.js';
import { attemptAt, childScope, type Scope } from './diagnostics.js';
import type { TimelineSource } from './extract-timelines.js';
import type { Descriptor } from './model.js';
import { noSegmentElements, readSegmentElement, type SegmentElements } from './segment-info.js';
import { linkedSegmentList, type XlinkResolutions } from './xlinks.js';
import type { XmlElement } from './xml-reader.js';

/** The children an AdaptationSet or Representation carries, read in one pass. */
export interface LevelChildren {
  readonly baseUrlRefs: BaseUrlRef[];
  readonly supplemental: Descriptor[];
  readonly essential: Descriptor[];
  /** `InbandEventStream` descriptors. */
  readonly inband: Descriptor[];
  readonly protection: ContentProtectionDraft[];
  /** Channel count from the first understood `AudioChannelConfiguration`, or null. */
  readonly channels: number | null;
  readonly segments: SegmentElements;
  /** `Representation` children (AdaptationSet only). */
  readonly representations: XmlElement[];
}

/** Counts same-named siblings so each child gets a `Name[k]` path. */
export function siblingCounter(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    return `${name}[${k}]`;
  };
}

/**
 * Reads the DASH children of one AdaptationSet/Representation element (elements of `ns` only).
 * A defective descriptor, ContentProtection or AudioChannelConfiguration is reported and left
 * out; a defective segment element throws (the caller drops the level). A `SegmentList` with a
 * resolved xlink is read from its remote replacement.
 */
export function readLevelChildren(
  el: XmlElement,
  ns: string | null,
  timelines: TimelineSource,
  scope: Scope,
  xlinks: XlinkResolutions | null = null,
): LevelChildren {
  const out = {
    baseUrlRefs: [] as BaseUrlRef[],
    supplemental: [] as Descriptor[],
    essential: [] as Descriptor[],
    inband: [] as Descriptor[],
    protection: [] as ContentProtectionDraft[],
    channels: null as number | null,
    segments: noSegmentElements(),
    representations: [] as XmlElement[],
  };
  const nameOf = siblingCounter();
  const dropped = 'element left out';
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI !== ns) continue;
    const name = c.localName;
    switch (name) {
      case 'Representation':
        out.representations.push(c);
        break;
      case 'BaseURL': {
        const ref = readBaseUrlRef(c, childScope(scope, nameOf(name)));
        if (ref !== null) out.baseUrlRefs.push(ref);
        break;
      }
      case 'SupplementalProperty':
      case 'EssentialProperty':
      case 'InbandEventStream': {
        const at = childScope(scope, nameOf(name));
        const d = attemptAt(at, () => readDescriptor(c), null, dropped, 'dropped');
        const list =
          name === 'SupplementalProperty'
            ? out.supplemental
            : name === 'EssentialProperty'
              ? out.essential
              : out.inband;
        if (d !== null) list.push(d);
        break;
      }
      case 'ContentProtection': {
        const at = childScope(scope, nameOf(name));
        const cp = attemptAt(at, () => readContentProtection(c, at), null, dropped, 'dropped');
        if (cp !== null) out.protection.push(cp);
        break;
      }
      case 'AudioChannelConfiguration': {
        const at = childScope(scope, nameOf(name));
        out.channels ??=
          attemptAt(at, () => channelsOf(readDescriptor(c)) ?? null, null, dropped, 'dropped') ??
          null;
        break;
      }
      case 'SegmentList': {
        const list = linkedSegmentList(c, xlinks, scope);
        if (list !== null) readSegmentElement(list, out.segments, timelines, scope);
        break;
      }
      default:
        readSegmentElement(c, out.segments, timelines, scope);
    }
  }
  return out;
}

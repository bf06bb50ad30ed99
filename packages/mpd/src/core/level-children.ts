import { firstElement, nextElement, textOf } from '../_internal/children.js';
import { type ContentProtectionDraft, readContentProtection } from './content-protection.js';
import { channelsOf, readDescriptor } from './descriptors.js';
import type { Descriptor } from './model.js';
import { noSegmentElements, readSegmentElement, type SegmentElements } from './segment-info.js';
import type { XmlElement } from './xml-reader.js';

/** The children an AdaptationSet or Representation carries, read in one pass. */
export interface LevelChildren {
  readonly baseUrlRefs: string[];
  readonly supplemental: Descriptor[];
  readonly essential: Descriptor[];
  readonly protection: ContentProtectionDraft[];
  /** Channel count from the first understood `AudioChannelConfiguration`, or null. */
  readonly channels: number | null;
  readonly segments: SegmentElements;
  /** `Representation` children (AdaptationSet only). */
  readonly representations: XmlElement[];
}

/** Reads the DASH children of one AdaptationSet/Representation element (elements of `ns` only). */
export function readLevelChildren(
  el: XmlElement,
  ns: string | null,
  maxTimelineEntries: number,
): LevelChildren {
  const out = {
    baseUrlRefs: [] as string[],
    supplemental: [] as Descriptor[],
    essential: [] as Descriptor[],
    protection: [] as ContentProtectionDraft[],
    channels: null as number | null,
    segments: noSegmentElements(),
    representations: [] as XmlElement[],
  };
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI !== ns) continue;
    switch (c.localName) {
      case 'Representation':
        out.representations.push(c);
        break;
      case 'BaseURL': {
        const t = textOf(c);
        if (t !== '') out.baseUrlRefs.push(t);
        break;
      }
      case 'SupplementalProperty':
        out.supplemental.push(readDescriptor(c));
        break;
      case 'EssentialProperty':
        out.essential.push(readDescriptor(c));
        break;
      case 'ContentProtection':
        out.protection.push(readContentProtection(c));
        break;
      case 'AudioChannelConfiguration':
        out.channels ??= channelsOf(readDescriptor(c)) ?? null;
        break;
      default:
        readSegmentElement(c, out.segments, maxTimelineEntries);
    }
  }
  return out;
}

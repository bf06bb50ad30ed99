import type { SegmentInspection } from '@legato/buffer';
import { findBox } from '@legato/isobmff';

/**
 * Whether a media segment is encrypted, from the media itself: CENC fragments carry `senc`;
 * clear-lead fragments of a protected track carry none (only `seig` entries with isProtected = 0).
 */
export function inspectSegment(bytes: Uint8Array): SegmentInspection | null {
  if (!findBox(bytes, 'moof')) return null;
  return { encrypted: findBox(bytes, 'moof/traf/senc') !== undefined, kid: null };
}

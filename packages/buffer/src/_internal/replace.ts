import type { SegmentSlot } from '../core/buffer-types.js';
import { type Draft, playableAhead, segmentIndexAt, segmentSpan } from './draft.js';
import { dropSlots } from './drop.js';

/**
 * After an up-switch: drops buffered segments of a lower rank that start at least
 * `replaceMarginS` after the playhead, so the normal fetch plan re-fetches them at the new rank.
 * Only when the buffer ahead is at least `replaceMinBufferS` (else the bandwidth is better spent
 * on new media).
 */
export function replaceForUpSwitch(d: Draft): void {
  if (playableAhead(d).aheadS < d.config.replaceMinBufferS) return;
  const fromS = Math.max(d.positionS, 0) + d.config.replaceMarginS;
  const drop: number[] = [];
  for (let i = segmentIndexAt(d, fromS); i < d.slots.length; i++) {
    if (segmentSpan(d, i).startS < fromS) continue;
    const slot = d.slots[i] as SegmentSlot;
    if ((slot.status === 'held' || slot.status === 'appended') && slot.rank < d.rank) drop.push(i);
  }
  dropSlots(d, drop);
}

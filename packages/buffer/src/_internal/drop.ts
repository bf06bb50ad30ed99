import type { SegmentSlot } from '../core/buffer-types.js';
import { type Draft, segmentSpan } from './draft.js';

/**
 * Empties the given slots: aborts downloads, discards held bytes, evicts appended media (one
 * `evict` per contiguous run). A slot being appended is left alone. Returns whether anything left
 * the sink.
 */
export function dropSlots(d: Draft, indices: readonly number[]): boolean {
  let runStart = -1;
  let runEnd = -1;
  let evicted = false;
  const flush = (): void => {
    if (runStart < 0) return;
    d.commands.push({
      type: 'evict',
      startS: segmentSpan(d, runStart).startS,
      endS: segmentSpan(d, runEnd).endS,
    });
    evicted = true;
    runStart = -1;
  };
  for (const i of indices) {
    const slot = d.slots[i] as SegmentSlot;
    if (slot.status === 'empty' || slot.status === 'appending') continue;
    if (slot.status === 'appended') {
      if (runStart >= 0 && runEnd !== i - 1) flush();
      if (runStart < 0) runStart = i;
      runEnd = i;
    } else if (slot.status === 'fetching') {
      d.commands.push({ type: 'abort', requestId: slot.requestId });
    } else {
      d.commands.push({ type: 'discard', requestId: slot.requestId });
    }
    d.slots[i] = EMPTY;
  }
  flush();
  return evicted;
}

/** The empty slot (shared: slots are immutable). */
export const EMPTY: SegmentSlot = Object.freeze({ status: 'empty' });

import type { BufferState } from '@legato/buffer';

/** Playable media ahead of the playhead in a buffer state (appended and decodable), seconds. */
export function playableAheadS(state: BufferState): number {
  const pos = Math.max(state.positionS, 0);
  const segs = state.track.segments;
  let endS = pos;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as (typeof segs)[number];
    const segEnd = seg.startS + seg.durationS;
    if (segEnd <= pos) continue;
    const slot = state.slots[i];
    if (slot?.status !== 'appended') break;
    if (
      slot.encrypted &&
      !(slot.kid === null ? state.usableKids.length > 0 : state.usableKids.includes(slot.kid))
    )
      break;
    endS = segEnd;
  }
  return Math.max(0, endS - pos);
}

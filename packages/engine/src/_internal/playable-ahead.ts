import type { BufferState } from '@legato/buffer';

type SlotStatus = BufferState['slots'][number]['status'];

const APPENDED: ReadonlySet<SlotStatus> = new Set(['appended']);
const DOWNLOADED: ReadonlySet<SlotStatus> = new Set(['held', 'appending', 'appended']);

/** Playable media ahead of the playhead in a buffer state (appended and decodable), seconds. */
export function playableAheadS(state: BufferState): number {
  return contiguousAheadS(state, APPENDED);
}

/**
 * Media ahead of the playhead that is already on the device (downloaded, being appended or
 * appended) and decodable once appended (clear, or its key usable), seconds. This is what the
 * ABR controller must be told: a segment that finished downloading but is not appended yet
 * still protects the playhead, and omitting it makes every decision right after a download look
 * like an empty buffer.
 */
export function downloadedAheadS(state: BufferState, alsoDownloadedIndex?: number): number {
  return contiguousAheadS(state, DOWNLOADED, alsoDownloadedIndex);
}

function contiguousAheadS(
  state: BufferState,
  counted: ReadonlySet<SlotStatus>,
  alsoDownloadedIndex?: number,
): number {
  const pos = Math.max(state.positionS, 0);
  const segs = state.track.segments;
  let endS = pos;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as (typeof segs)[number];
    const segEnd = seg.startS + seg.durationS;
    if (segEnd <= pos) continue;
    const slot = state.slots[i];
    if (i === alsoDownloadedIndex && slot?.status === 'fetching') {
      // In hand, not yet reported to the buffer: counts unless it is past the clear lead
      // without a usable key (its encryption is only known once inspected).
      const clear = segEnd <= state.config.clearLeadS || state.usableKids.length > 0;
      if (!clear) break;
      endS = segEnd;
      continue;
    }
    if (slot === undefined || slot.status === 'empty' || slot.status === 'fetching') break;
    if (!counted.has(slot.status)) break;
    if (
      slot.encrypted &&
      !(slot.kid === null ? state.usableKids.length > 0 : state.usableKids.includes(slot.kid))
    )
      break;
    endS = segEnd;
  }
  return Math.max(0, endS - pos);
}

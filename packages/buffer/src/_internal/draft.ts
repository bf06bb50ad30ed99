import type {
  BufferCommand,
  BufferContext,
  BufferPhase,
  BufferState,
  BufferStep,
  InitSlot,
  SegmentSlot,
} from '../core/buffer-types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A working copy of the state that one reducer step mutates, plus the commands it emits. */
export interface Draft extends Mutable<Omit<BufferContext, 'slots' | 'inits' | 'usableKids'>> {
  slots: SegmentSlot[];
  inits: InitSlot[];
  usableKids: string[];
  phase: BufferPhase;
  targetS: number;
  waitKid: string | null;
  commands: BufferCommand[];
}

/** Playhead tolerance: this close to the end of the playable media counts as reaching it, seconds. */
export const EPSILON_S = 0.1;

/**
 * Copies a state into a draft. Field by field, not with object rest / spread: V8 copies a rest
 * pattern through a slow runtime path and the result has no stable shape, which made this copy
 * the reducer's main cost (it runs on every playhead poll).
 */
export function toDraft(state: BufferState): Draft {
  return {
    track: state.track,
    config: state.config,
    positionS: state.positionS,
    playbackRate: state.playbackRate,
    representationId: state.representationId,
    rank: state.rank,
    slots: state.slots.slice(),
    inits: state.inits.slice(),
    appendedInit: state.appendedInit,
    appending: state.appending,
    usableKids: state.usableKids.slice(),
    knownClearEndS: state.knownClearEndS,
    knownEncryptedStartS: state.knownEncryptedStartS,
    quotaGoalS: state.quotaGoalS,
    quotaBlocked: state.quotaBlocked,
    sinkReady: state.sinkReady,
    endOfStreamSent: state.endOfStreamSent,
    nextTrackRequested: state.nextTrackRequested,
    nextRequestId: state.nextRequestId,
    phase: state.phase,
    targetS: state.phase === 'seeking' ? state.targetS : state.positionS,
    waitKid: state.phase === 'waiting-for-key' ? state.kid : null,
    commands: [],
  };
}

/** Freezes a draft into the next state (only the phase's own fields are kept). */
export function fromDraft(d: Draft): BufferStep {
  // One literal, then the phase's own field: spreading a context into a new object was again
  // a slow path (~4 µs a step).
  const state: Mutable<BufferContext> & {
    phase: BufferPhase;
    targetS?: number;
    kid?: string | null;
  } = {
    track: d.track,
    config: d.config,
    positionS: d.positionS,
    playbackRate: d.playbackRate,
    representationId: d.representationId,
    rank: d.rank,
    slots: d.slots,
    inits: d.inits,
    appendedInit: d.appendedInit,
    appending: d.appending,
    usableKids: d.usableKids,
    knownClearEndS: d.knownClearEndS,
    knownEncryptedStartS: d.knownEncryptedStartS,
    quotaGoalS: d.quotaGoalS,
    quotaBlocked: d.quotaBlocked,
    sinkReady: d.sinkReady,
    endOfStreamSent: d.endOfStreamSent,
    nextTrackRequested: d.nextTrackRequested,
    nextRequestId: d.nextRequestId,
    phase: d.phase,
  };
  if (d.phase === 'seeking') state.targetS = d.targetS;
  else if (d.phase === 'waiting-for-key') state.kid = d.waitKid;
  return { state: state as BufferState, commands: d.commands };
}

/** End of the track, seconds. */
export function trackEndS(d: Draft): number {
  const last = d.track.segments[d.track.segments.length - 1];
  return last ? last.startS + last.durationS : 0;
}

/** Index of the segment holding `timeS` (0 before the first, `length` at or past the end). */
export function segmentIndexAt(d: Draft, timeS: number): number {
  const segs = d.track.segments;
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const seg = segs[mid] as (typeof segs)[number];
    if (seg.startS + seg.durationS <= timeS) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start and end of segment `i`, seconds. */
export function segmentSpan(d: Draft, i: number): { startS: number; endS: number } {
  const seg = d.track.segments[i];
  if (!seg) return { startS: Number.POSITIVE_INFINITY, endS: Number.POSITIVE_INFINITY };
  return { startS: seg.startS, endS: seg.startS + seg.durationS };
}

/** Whether a key for `kid` is usable (any usable key when the kid is unknown). */
export function keyUsable(d: Draft, kid: string | null): boolean {
  return kid === null ? d.usableKids.length > 0 : d.usableKids.includes(kid);
}

/** Whether segment `i` is (known or expected to be) encrypted. */
export function expectEncrypted(d: Draft, i: number): boolean {
  const slot = d.slots[i];
  if (slot && slot.status !== 'empty' && slot.status !== 'fetching') return slot.encrypted;
  const { startS, endS } = segmentSpan(d, i);
  if (startS >= d.knownEncryptedStartS) return true;
  if (endS <= d.knownClearEndS) return false;
  return d.track.defaultKid !== null && startS >= d.config.clearLeadS - EPSILON_S;
}

/** Key id segment `i` needs (its own, else the track's default). */
export function expectKid(d: Draft, i: number): string | null {
  const slot = d.slots[i];
  if (slot && slot.status !== 'empty' && slot.status !== 'fetching' && slot.kid !== null) {
    return slot.kid;
  }
  return d.track.defaultKid;
}

/** Whether playback of segment `i` must wait for a key. */
export function keyBlocked(d: Draft, i: number): boolean {
  return expectEncrypted(d, i) && !keyUsable(d, expectKid(d, i));
}

/** Playable media ahead of the playhead: appended and decodable, contiguous. */
export function playableAhead(d: Draft): { aheadS: number; gapIndex: number } {
  const pos = Math.max(d.positionS, 0);
  let i = segmentIndexAt(d, pos);
  let endS = pos;
  for (; i < d.slots.length; i++) {
    const slot = d.slots[i] as SegmentSlot;
    if (slot.status !== 'appended') break;
    if (slot.encrypted && !keyUsable(d, slot.kid)) break;
    endS = segmentSpan(d, i).endS;
  }
  return { aheadS: Math.max(0, endS - pos), gapIndex: i };
}

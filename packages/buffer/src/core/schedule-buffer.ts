import {
  type Draft,
  expectEncrypted,
  fromDraft,
  playableAhead,
  segmentIndexAt,
  toDraft,
} from '../_internal/draft.js';
import { dropSlots, EMPTY } from '../_internal/drop.js';
import { replaceForUpSwitch } from '../_internal/replace.js';
import { settle } from '../_internal/settle.js';
import type { BufferEvent, BufferState, BufferStep, SegmentSlot } from './buffer-types.js';

/**
 * The buffer scheduler: one pure step from a state and an event to the next state and the
 * commands to execute (fetch, abort, append, discard, evict, waitForKey, stall, startPlayback,
 * endOfStream, prefetchNextTrack). Never throws on a valid state; events that do not apply (a
 * late load of an aborted request, a second `append-done`) change nothing.
 *
 * Invariants (property-tested): no encrypted append without a usable key unless
 * `appendEncryptedBeforeKey`; nothing starts more than `forwardGoalS` + one segment ahead of the
 * playhead; every loaded segment is appended or discarded exactly once; seeks converge.
 *
 * @example
 * ```ts
 * let { state, commands } = createBufferState({ track, representationId: 'opus-128', rank: 0 });
 * // commands: fetch init + fetch segment 0, at once
 * ({ state, commands } = scheduleBuffer(state, { type: 'segment-loaded', requestId: 1, bytes: 4096 }));
 * ```
 */
export function scheduleBuffer(state: BufferState, event: BufferEvent): BufferStep {
  const d = toDraft(state);
  apply(d, event);
  settle(d);
  return fromDraft(d);
}

function apply(d: Draft, e: BufferEvent): void {
  switch (e.type) {
    case 'playhead':
      if (Number.isFinite(e.positionS)) d.positionS = e.positionS;
      return;
    case 'segment-loaded':
      loaded(d, e);
      return;
    case 'fetch-failed': {
      const i = d.slots.findIndex((s) => s.status === 'fetching' && s.requestId === e.requestId);
      if (i >= 0) d.slots[i] = EMPTY;
      d.inits = d.inits.filter((s) => !(s.status === 'fetching' && s.requestId === e.requestId));
      return;
    }
    case 'append-done':
      appendDone(d);
      return;
    case 'quota-exceeded':
      quotaExceeded(d);
      return;
    case 'key-status':
      d.usableKids = d.usableKids.filter((k) => k !== e.kid);
      if (e.usable) d.usableKids.push(e.kid);
      return;
    case 'abr-choice': {
      if (e.representationId === d.representationId) return;
      const up = e.rank > d.rank;
      d.representationId = e.representationId;
      d.rank = e.rank;
      if (up && d.config.replaceOnUpSwitch) replaceForUpSwitch(d);
      return;
    }
    case 'seek':
      seek(d, e.positionS);
      return;
    case 'track-end':
      d.phase = 'ended';
      return;
    case 'playback-rate':
      if (Number.isFinite(e.rate) && e.rate >= 0) d.playbackRate = e.rate;
      return;
    case 'sink-ready':
      d.sinkReady = true;
      return;
  }
}

function loaded(d: Draft, e: Extract<BufferEvent, { type: 'segment-loaded' }>): void {
  const i = d.slots.findIndex((s) => s.status === 'fetching' && s.requestId === e.requestId);
  const slot = d.slots[i];
  if (slot?.status === 'fetching') {
    const seg = d.track.segments[i] as { startS: number; durationS: number };
    let encrypted: boolean;
    if (e.encrypted === undefined) {
      encrypted = expectEncrypted(d, i);
    } else {
      encrypted = e.encrypted;
      if (encrypted) d.knownEncryptedStartS = Math.min(d.knownEncryptedStartS, seg.startS);
      else d.knownClearEndS = Math.max(d.knownClearEndS, seg.startS + seg.durationS);
    }
    const kid = encrypted ? (e.kid ?? d.track.defaultKid) : null;
    d.slots[i] = { ...slot, status: 'held', encrypted, kid, bytes: e.bytes };
    return;
  }
  const k = d.inits.findIndex((s) => s.requestId === e.requestId && s.status === 'fetching');
  const init = d.inits[k];
  if (init) d.inits[k] = { ...init, status: 'loaded' };
}

function appendDone(d: Draft): void {
  const a = d.appending;
  if (a === null) return;
  d.appending = null;
  if (a.kind === 'init') {
    const init = d.inits.find((s) => s.requestId === a.requestId);
    if (init) d.appendedInit = init.representationId;
    return;
  }
  const slot = d.slots[a.index];
  if (slot?.status === 'appending') d.slots[a.index] = { ...slot, status: 'appended' };
}

function quotaExceeded(d: Draft): void {
  const a = d.appending;
  if (a === null) return;
  d.appending = null;
  if (a.kind === 'segment') {
    const slot = d.slots[a.index];
    if (slot?.status === 'appending') d.slots[a.index] = { ...slot, status: 'held' };
  }
  // Never below what playback needs to start or resume, else the scheduler would deadlock.
  const seg = d.track.segments[0];
  const floorS = Math.max(seg ? seg.durationS : 1, d.config.startupBufferS, d.config.rebufferGoalS);
  d.quotaGoalS = Math.max(floorS, Math.min(d.quotaGoalS, playableAhead(d).aheadS));
  // Free what the playhead will not reach: everything appended outside the run it is playing.
  const run = new Set<number>();
  for (
    let i = segmentIndexAt(d, Math.max(d.positionS, 0));
    d.slots[i]?.status === 'appended';
    i++
  ) {
    run.add(i);
  }
  const outside: number[] = [];
  d.slots.forEach((s, i) => {
    if (s.status === 'appended' && !run.has(i)) outside.push(i);
  });
  if (dropSlots(d, outside)) return; // retried by settle() right after the eviction
  d.quotaBlocked = true; // retried once the playhead passes a segment that can go
  if (run.size === 0) {
    d.commands.push({
      type: 'error',
      code: 'SINK_QUOTA_EXCEEDED',
      message: `sink: expected room for one segment, received a quota error with none of this track's media buffered (${a.kind} append)`,
    });
  }
}

function seek(d: Draft, positionS: number): void {
  if (!Number.isFinite(positionS)) return;
  const last = d.track.segments[d.track.segments.length - 1];
  const endS = last ? last.startS + last.durationS : 0;
  const target = Math.min(Math.max(positionS, 0), endS);
  const wasStarting = d.phase === 'starting';
  d.positionS = target;
  d.targetS = target;
  d.waitKid = null;
  const goalS = Math.min(d.config.forwardGoalS, d.quotaGoalS);
  const p = segmentIndexAt(d, target);
  const outside: number[] = [];
  for (let i = p + 1; i < d.slots.length; i++) {
    const seg = d.track.segments[i] as { startS: number };
    if (seg.startS - target >= goalS) outside.push(i);
  }
  dropSlots(d, outside);
  d.endOfStreamSent &&= d.slots.slice(p).every((s: SegmentSlot) => s.status === 'appended');
  d.phase = wasStarting ? 'starting' : 'seeking';
}

import type { SegmentSlot } from '../core/buffer-types.js';
import {
  type Draft,
  EPSILON_S,
  keyBlocked,
  keyUsable,
  playableAhead,
  segmentIndexAt,
  segmentSpan,
  trackEndS,
} from './draft.js';
import { dropSlots } from './drop.js';

/** After any event: evict, append, fetch, signal the end, ask for the next track, update the phase. */
export function settle(d: Draft): void {
  if (d.phase === 'ended') return;
  dropBehind(d);
  planAppend(d);
  planFetches(d);
  planEndOfStream(d);
  planNextTrack(d);
  updatePhase(d);
}

/** Media behind the playhead: unappended slots are useless; appended ones go past the back buffer. */
function dropBehind(d: Draft): void {
  const backS = Number.isFinite(d.quotaGoalS) ? 0 : d.config.backBufferS;
  const cutoffS = d.positionS - backS;
  const drop: number[] = [];
  for (let i = 0; i < d.slots.length; i++) {
    const { endS } = segmentSpan(d, i);
    if (endS > d.positionS) break;
    const slot = d.slots[i] as SegmentSlot;
    if (slot.status === 'empty' || slot.status === 'appending') continue;
    if (slot.status !== 'appended' || endS <= cutoffS) drop.push(i);
  }
  if (dropSlots(d, drop)) d.quotaBlocked = false;
}

/** One append at a time, in presentation order from the playhead; encrypted ones need the key. */
function planAppend(d: Draft): void {
  if (d.appending !== null || !d.sinkReady || d.quotaBlocked) return;
  let k = segmentIndexAt(d, Math.max(d.positionS, 0));
  while (k < d.slots.length && (d.slots[k] as SegmentSlot).status === 'appended') k++;
  const slot = d.slots[k];
  if (slot?.status !== 'held') return;
  if (slot.encrypted && !d.config.appendEncryptedBeforeKey && !keyUsable(d, slot.kid)) return;
  if (d.appendedInit !== slot.representationId) {
    const init = d.inits.find((s) => s.representationId === slot.representationId);
    if (!init) ensureInit(d, slot.representationId); // its download failed: fetch it again
    if (init?.status !== 'loaded') return;
    d.appending = { kind: 'init', requestId: init.requestId };
    d.commands.push({
      type: 'append',
      target: {
        kind: 'init',
        representationId: init.representationId,
        requestId: init.requestId,
      },
    });
    return;
  }
  const { startS, endS } = segmentSpan(d, k);
  d.slots[k] = { ...slot, status: 'appending' };
  d.appending = { kind: 'segment', index: k };
  d.commands.push({
    type: 'append',
    target: {
      kind: 'segment',
      representationId: slot.representationId,
      requestId: slot.requestId,
      index: k,
      startS,
      durationS: endS - startS,
      encrypted: slot.encrypted,
      kid: slot.kid,
    },
  });
}

/** Fetches the next empty segments while the buffered end is under the goal, with their init. */
function planFetches(d: Draft): void {
  const fromS = Math.max(d.positionS, 0);
  const p = segmentIndexAt(d, fromS);
  if (p >= d.slots.length) return;
  const goalS = Math.min(d.config.forwardGoalS, d.quotaGoalS);
  let inFlight = 0;
  for (const slot of d.slots) if (slot.status === 'fetching') inFlight++;
  let j = p;
  while (inFlight < d.config.maxConcurrentFetches) {
    while (j < d.slots.length && (d.slots[j] as SegmentSlot).status !== 'empty') j++;
    if (j >= d.slots.length) return;
    const { startS, endS } = segmentSpan(d, j);
    if (j > p && startS - fromS >= goalS) return;
    ensureInit(d, d.representationId);
    const requestId = d.nextRequestId++;
    d.slots[j] = {
      status: 'fetching',
      requestId,
      representationId: d.representationId,
      rank: d.rank,
    };
    d.commands.push({
      type: 'fetch',
      requestId,
      target: {
        kind: 'media',
        representationId: d.representationId,
        index: j,
        startS,
        durationS: endS - startS,
      },
    });
    inFlight++;
  }
}

function ensureInit(d: Draft, representationId: string): void {
  if (d.inits.some((s) => s.representationId === representationId)) return;
  const requestId = d.nextRequestId++;
  d.inits.push({ representationId, requestId, status: 'fetching' });
  d.commands.push({ type: 'fetch', requestId, target: { kind: 'init', representationId } });
}

function planEndOfStream(d: Draft): void {
  if (d.endOfStreamSent || d.appending !== null || !d.sinkReady) return;
  const p = segmentIndexAt(d, Math.max(d.positionS, 0));
  for (let i = p; i < d.slots.length; i++) {
    if ((d.slots[i] as SegmentSlot).status !== 'appended') return;
  }
  d.endOfStreamSent = true;
  d.commands.push({ type: 'endOfStream' });
}

function planNextTrack(d: Draft): void {
  if (d.nextTrackRequested) return;
  const mediaLeftS = trackEndS(d) - Math.max(d.positionS, 0);
  const remainingS = d.playbackRate > 0 ? mediaLeftS / d.playbackRate : mediaLeftS;
  if (remainingS > d.config.prefetchNextS) return;
  d.nextTrackRequested = true;
  d.commands.push({ type: 'prefetchNextTrack', remainingS });
}

function updatePhase(d: Draft): void {
  const endS = trackEndS(d);
  const pos = Math.max(d.positionS, 0);
  if (d.endOfStreamSent && pos >= endS - EPSILON_S) {
    d.phase = 'ended';
    return;
  }
  const { aheadS, gapIndex } = playableAhead(d);
  const remainingS = Math.max(0, endS - pos - EPSILON_S);
  const blocked = gapIndex < d.slots.length && keyBlocked(d, gapIndex);
  // A full sink cannot reach the startup / rebuffer goal: play what it holds.
  const full = d.quotaBlocked && aheadS > 0;
  switch (d.phase) {
    case 'starting':
    case 'seeking':
      if (full || aheadS >= Math.min(d.config.startupBufferS, remainingS)) resume(d, pos);
      else if (blocked) waitForKey(d, gapIndex, pos);
      return;
    case 'playing':
      if (aheadS > EPSILON_S) return;
      if (blocked) waitForKey(d, gapIndex, pos);
      else {
        d.phase = 'rebuffering';
        d.commands.push({ type: 'stall', cause: 'buffer', positionS: pos });
      }
      return;
    case 'rebuffering':
    case 'waiting-for-key':
      if (full || (aheadS >= Math.min(d.config.rebufferGoalS, remainingS) && aheadS > 0)) {
        resume(d, pos);
      } else if (blocked && d.phase === 'rebuffering') waitForKey(d, gapIndex, pos);
      else if (!blocked && d.phase === 'waiting-for-key') d.phase = 'rebuffering';
      return;
    default:
      return;
  }
}

function resume(d: Draft, pos: number): void {
  d.phase = 'playing';
  d.waitKid = null;
  d.commands.push({ type: 'startPlayback', positionS: pos });
}

function waitForKey(d: Draft, gapIndex: number, pos: number): void {
  const slot = d.slots[gapIndex];
  const kid =
    slot && slot.status !== 'empty' && slot.status !== 'fetching' && slot.kid !== null
      ? slot.kid
      : d.track.defaultKid;
  const wasStalled = d.phase === 'rebuffering';
  d.phase = 'waiting-for-key';
  d.waitKid = kid;
  if (!wasStalled) d.commands.push({ type: 'stall', cause: 'key', positionS: pos });
  d.commands.push({ type: 'waitForKey', kid, positionS: pos });
}

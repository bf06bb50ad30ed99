import type { AbrInput } from '@legato/abr';
import type { BufferState } from '@legato/buffer';
import type { TrackPlan } from '../core/plan-track.js';
import { downloadedAheadS } from './playable-ahead.js';

/** What the ABR controller is told before the next segment of a track. */
export function abrInput(
  plan: TrackPlan,
  state: BufferState | null,
  estimateBps: number,
  nowS: number,
  lastIndex: number,
  /** A media segment downloaded but not yet in `state` (its bytes are on their way to the buffer). */
  justDownloadedIndex?: number,
  /** The estimator's `upperEstimate()`, bits per second. */
  upperEstimateBps = estimateBps,
): AbrInput {
  const segmentDurationS = plan.segments[0]?.durationS ?? 10;
  const keyUsable =
    plan.defaultKid === null || (state?.usableKids.includes(plan.defaultKid) ?? false);
  if (!state) {
    return {
      estimateBps,
      bufferS: 0,
      bufferTargetS: 0,
      lastIndex,
      nowS,
      segmentDurationS,
      clearLeadRemainingS: plan.defaultKid === null ? plan.durationS : 0,
      keyUsable,
    };
  }
  return {
    estimateBps,
    upperEstimateBps,
    bufferS: downloadedAheadS(state, justDownloadedIndex),
    bufferTargetS: state.config.forwardGoalS,
    lastIndex,
    nowS,
    segmentDurationS,
    clearLeadRemainingS: Math.max(0, clearEndS(plan, state) - downloadPositionS(state)),
    keyUsable,
  };
}

/** Where the clear lead ends: what the media said, else the configured clear lead. */
function clearEndS(plan: TrackPlan, state: BufferState): number {
  if (plan.defaultKid === null) return plan.durationS;
  if (Number.isFinite(state.knownEncryptedStartS)) return state.knownEncryptedStartS;
  return Math.max(state.knownClearEndS, state.config.clearLeadS);
}

/** Start of the next segment to download: the first empty slot from the playhead. */
function downloadPositionS(state: BufferState): number {
  const pos = Math.max(state.positionS, 0);
  const segs = state.track.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as (typeof segs)[number];
    if (seg.startS + seg.durationS <= pos) continue;
    if (state.slots[i]?.status === 'empty') return Math.max(seg.startS, pos);
  }
  const last = segs[segs.length - 1];
  return last ? last.startS + last.durationS : pos;
}

import type { FetchTarget } from '@legato/buffer';
import { type EngineContext, emit, nowMs } from './engine-context.js';
import { switchRung } from './on-buffer-step.js';
import { downloadedAheadS } from './playable-ahead.js';
import type { DownloadProgress, TrackRuntime } from './track-runtime.js';

/** A media download target. */
type MediaTarget = Extract<FetchTarget, { kind: 'media' }>;

/**
 * Asks the track's ABR controller whether to abandon the download of `target` (see
 * `AbrController.abandon`): the rung to re-request it at, or -1. Only for the download the
 * buffer has in flight for that slot; the buffer measure is the one `decide` is told.
 */
export function abandonRung(
  rt: TrackRuntime,
  target: MediaTarget,
  progress: DownloadProgress,
  estimateBps: number,
): number {
  const { abr, state } = rt;
  const slot = state?.slots[target.index];
  if (!abr || !state || slot?.status !== 'fetching') return -1;
  if (slot.representationId !== target.representationId) return -1;
  const to = abr.abandon({
    index: slot.rank,
    bytesLoaded: progress.loadedBytes,
    bytesTotal: progress.totalBytes,
    elapsedMs: progress.elapsedMs,
    bufferS: downloadedAheadS(state),
    estimateBps,
  });
  // The track may already have moved lower (a preference change): never re-request above it.
  return to < 0 ? -1 : Math.min(to, rt.rungIndex);
}

/**
 * After the abandoned download was aborted: moves the track to rung `index` and hands the slot
 * back to the buffer (`fetch-failed`), which re-requests the segment at the new representation
 * (with its init segment when that changes); emits `abandon`. Nothing when the buffer no longer
 * waits for that download (torn down, or the slot moved on).
 */
export function reRequestLower(
  ctx: EngineContext,
  rt: TrackRuntime,
  target: MediaTarget,
  index: number,
): void {
  const slot = rt.state?.slots[target.index];
  if (slot?.status !== 'fetching' || slot.representationId !== target.representationId) return;
  switchRung(ctx, rt, index);
  rt.bufferEvents.next({ type: 'fetch-failed', requestId: slot.requestId });
  emit(ctx, {
    type: 'abandon',
    trackId: rt.track.id,
    index: target.index,
    fromId: target.representationId,
    toId: rt.plan?.ladder[index]?.representation.id ?? target.representationId,
    atMs: nowMs(ctx),
  });
}

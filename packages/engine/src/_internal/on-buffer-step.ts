import type { BufferCommand, BufferState, BufferStep } from '@legato/buffer';
import type { TrackPlan } from '../core/plan-track.js';
import {
  currentTrack,
  type EngineContext,
  emit,
  fail,
  nowMs,
  patch,
  sendReport,
} from './engine-context.js';
import { playableAheadS } from './playable-ahead.js';
import { runTrack } from './run-track.js';
import { createTrackRuntime, retireTrack, type TrackRuntime } from './track-runtime.js';

/** One buffer step of a track: segment and ABR bookkeeping, commands, state, reports. */
export function onBufferStep(ctx: EngineContext, rt: TrackRuntime, step: BufferStep): void {
  const before = rt.state;
  rt.state = step.state;
  afterSegments(ctx, rt, before, step.state);
  for (const c of step.commands) onCommand(ctx, rt, c);
  if (rt !== currentTrack(ctx)) return;
  const positionS = Math.max(0, step.state.positionS);
  patch(ctx, {
    positionS,
    bufferAheadS: playableAheadS(step.state),
    estimateBps: ctx.estimator.estimate(),
  });
  const playing = ctx.state.value.status === 'playing' && step.state.phase !== 'ended';
  if (playing && positionS - ctx.lastProgressS >= ctx.progressIntervalS) {
    ctx.lastProgressS = positionS;
    sendReport(ctx, 'progress');
  }
  evictPlayedTracks(ctx, rt, positionS);
  if (step.state.phase === 'ended' && !rt.ended) endTrack(ctx, rt);
}

/** Emits `segment` / `first-append` events (the ABR already ran when the download completed). */
function afterSegments(
  ctx: EngineContext,
  rt: TrackRuntime,
  before: BufferState | null,
  now: BufferState,
): void {
  now.slots.forEach((slot, i) => {
    // Loaded in this step (it may already be appending: the same step starts its append).
    if (slot.status === 'empty' || slot.status === 'fetching') return;
    if (before?.slots[i]?.status !== 'fetching') return;
    emit(ctx, {
      type: 'segment',
      trackId: rt.track.id,
      index: i,
      representationId: slot.representationId,
      bytes: slot.bytes,
      encrypted: slot.encrypted,
      atMs: nowMs(ctx),
    });
  });
  if (!before?.appendedInit && now.appendedInit) {
    emit(ctx, { type: 'first-append', trackId: rt.track.id, atMs: nowMs(ctx) });
  }
}

/** Moves the track to rung `index` (tells its buffer, emits `representation`), if it changed. */
export function switchRung(ctx: EngineContext, rt: TrackRuntime, index: number): void {
  const rung = rt.plan?.ladder[index];
  const before = rt.state?.representationId;
  if (!rung || (index === rt.rungIndex && rung.representation.id === before)) return;
  rt.rungIndex = index;
  if (rung.representation.id !== before) {
    rt.bufferEvents.next({
      type: 'abr-choice',
      representationId: rung.representation.id,
      rank: index,
    });
  }
  announceRung(ctx, rt);
}

/** Emits the rung in use (`representation` event) and mirrors it in the state. */
export function announceRung(ctx: EngineContext, rt: TrackRuntime): void {
  const rung = (rt.plan as TrackPlan).ladder[rt.rungIndex];
  if (!rung) return;
  emit(ctx, {
    type: 'representation',
    trackId: rt.track.id,
    representationId: rung.representation.id,
    bitrateBps: rung.bitrateBps,
    estimateBps: ctx.estimator.estimate(),
    atMs: nowMs(ctx),
  });
  if (rt === currentTrack(ctx)) {
    patch(ctx, { representationId: rung.representation.id, bitrateBps: rung.bitrateBps });
  }
}

function onCommand(ctx: EngineContext, rt: TrackRuntime, c: BufferCommand): void {
  const isCurrent = rt === currentTrack(ctx);
  switch (c.type) {
    case 'startPlayback':
      if (isCurrent) startPlayback(ctx, rt, c.positionS);
      return;
    case 'stall':
      if (!isCurrent) return;
      ctx.sink.pause();
      patch(ctx, { status: 'stalled', stallCause: c.cause });
      emit(ctx, {
        type: 'stall',
        trackId: rt.track.id,
        cause: c.cause,
        positionS: c.positionS,
        atMs: nowMs(ctx),
      });
      sendReport(ctx, 'stall', { cause: c.cause });
      return;
    case 'endOfStream': {
      rt.fullyAppended = true;
      const next = ctx.queue[ctx.queue.indexOf(rt) + 1];
      if (!next) ctx.sink.endOfStream().catch((e: unknown) => fail(ctx, e));
      else next.bufferEvents.next({ type: 'sink-ready' });
      return;
    }
    case 'prefetchNextTrack':
      startNext(ctx, rt);
      return;
    default:
      return;
  }
}

function startPlayback(ctx: EngineContext, rt: TrackRuntime, positionS: number): void {
  if (ctx.state.value.status === 'stalled') {
    emit(ctx, { type: 'stall-end', trackId: rt.track.id, positionS, atMs: nowMs(ctx) });
  }
  if (!rt.started) {
    rt.started = true;
    if (ctx.current === 0)
      emit(ctx, { type: 'playback-start', trackId: rt.track.id, atMs: nowMs(ctx) });
    emit(ctx, { type: 'track-start', trackId: rt.track.id, atMs: nowMs(ctx) });
    sendReport(ctx, 'start');
  }
  patch(ctx, { status: ctx.wantPlay ? 'playing' : 'paused', stallCause: null });
  if (ctx.wantPlay) ctx.sink.play();
}

/** Starts the next track of the queue (manifest, init, clear lead, license) after `rt`. */
function startNext(ctx: EngineContext, rt: TrackRuntime): void {
  const i = ctx.queue.indexOf(rt);
  const next = ctx.queue[i + 1];
  if (!next || next.plan || next.started || !rt.plan || next.subscription.closed) return;
  const placed = createTrackRuntime(next.track, rt.offsetS + rt.plan.durationS);
  ctx.queue[i + 1] = placed;
  runTrack(placed, ctx.host, () => rt.fullyAppended);
}

/** Step 14 for `rt` (its license session closes), then the next track becomes current. */
function endTrack(ctx: EngineContext, rt: TrackRuntime): void {
  rt.ended = true;
  emit(ctx, { type: 'track-end', trackId: rt.track.id, atMs: nowMs(ctx) });
  sendReport(ctx, 'track-end', { positionS: rt.plan?.durationS ?? ctx.state.value.positionS });
  rt.subscription.unsubscribe();
  if (!ctx.queue[ctx.current + 1]) {
    patch(ctx, { status: 'ended' });
    return;
  }
  startNext(ctx, rt);
  ctx.current += 1;
  ctx.lastProgressS = 0;
  const next = ctx.queue[ctx.current] as TrackRuntime;
  patch(ctx, {
    trackId: next.track.id,
    positionS: 0,
    durationS: next.plan?.durationS ?? 0,
    license: next.licenseStatus,
  });
  if (next.plan) announceRung(ctx, next);
  if (next.state?.phase === 'playing') startPlayback(ctx, next, 0);
}

/**
 * Ended tracks of a gapless queue leave the sink once they fall behind the back-buffer limit;
 * a track wholly removed is retired: its manifest, plan and buffer state are dropped, so a queue
 * of hundreds of tracks holds only what is still playing or buffered (and each step looks only
 * at tracks not yet retired).
 */
function evictPlayedTracks(ctx: EngineContext, rt: TrackRuntime, positionS: number): void {
  const cutoffS = rt.offsetS + positionS - ctx.backBufferS;
  for (let i = ctx.retired; i < ctx.current; i++) {
    const prev = ctx.queue[i] as TrackRuntime;
    if (!prev.plan) {
      if (i === ctx.retired) ctx.retired++;
      continue;
    }
    const trackEndS = prev.offsetS + prev.plan.durationS;
    const endS = Math.min(cutoffS, trackEndS);
    const fromS = Math.max(prev.evictedUntilS, prev.offsetS);
    if (endS > fromS) {
      prev.evictedUntilS = endS;
      ctx.sink.remove(fromS, endS).catch((e: unknown) => fail(ctx, e));
    }
    if (endS >= trackEndS && i === ctx.retired) {
      retireTrack(prev);
      ctx.retired++;
    }
  }
}

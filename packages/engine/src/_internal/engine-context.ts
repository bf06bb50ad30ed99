import type { BandwidthEstimator } from '@legato/bandwidth';
import type { MediaSink } from '@legato/buffer';
import { isLegatoError, LegatoError } from '@legato/errors';
import type { BehaviorSubject, SchedulerLike, Subject, Subscription } from 'rxjs';
import type { EngineEvent, EngineState, PlaybackReport } from '../engine-types.js';
import type { WatchdogSignal } from './run-watchdog.js';
import type { TrackHost, TrackRuntime } from './track-runtime.js';

/** The engine's mutable state, shared by its event handlers. */
export interface EngineContext {
  readonly scheduler: SchedulerLike;
  /** The integrator's sink, serialized. */
  readonly sink: MediaSink;
  readonly estimator: BandwidthEstimator;
  readonly events: Subject<EngineEvent>;
  readonly state: BehaviorSubject<EngineState>;
  readonly reportEvent: (report: PlaybackReport) => void;
  readonly backBufferS: number;
  readonly progressIntervalS: number;
  readonly host: TrackHost;
  queue: TrackRuntime[];
  current: number;
  /** Tracks before this index have ended and left the sink (their data is dropped). */
  retired: number;
  wantPlay: boolean;
  lastProgressS: number;
  session: Subscription;
  /** Media and license progress for the watchdog. */
  readonly progress: Subject<WatchdogSignal>;
}

export const nowMs = (ctx: EngineContext): number => ctx.scheduler.now();

export function emit(ctx: EngineContext, event: EngineEvent): void {
  ctx.events.next(event);
}

export function patch(ctx: EngineContext, change: Partial<EngineState>): void {
  ctx.state.next({ ...ctx.state.value, ...change });
}

export function currentTrack(ctx: EngineContext): TrackRuntime | undefined {
  return ctx.queue[ctx.current];
}

/** Sends a playback report for the current track (step 13 of the guide). */
export function sendReport(
  ctx: EngineContext,
  type: PlaybackReport['type'],
  extra: Partial<PlaybackReport> = {},
): void {
  const rt = currentTrack(ctx);
  if (!rt) return;
  ctx.reportEvent({
    type,
    trackId: rt.track.id,
    positionS: ctx.state.value.positionS,
    atMs: nowMs(ctx),
    ...extra,
  });
}

/** Stops every track: aborts requests, closes license sessions, stops polling. */
export function teardown(ctx: EngineContext): void {
  for (const rt of ctx.queue) rt.subscription.unsubscribe();
  ctx.session.unsubscribe();
}

/** A fatal error: clean stop, then a typed `error` event and report. */
export function fail(ctx: EngineContext, error: unknown): void {
  const status = ctx.state.value.status;
  if (status === 'failed' || status === 'stopped') return;
  const e = isLegatoError(error)
    ? error
    : new LegatoError('ENGINE_STATE', `engine: expected no failure, received ${String(error)}`, {
        cause: error,
      });
  teardown(ctx);
  ctx.sink.pause();
  emit(ctx, { type: 'error', fatal: true, error: e, atMs: nowMs(ctx) });
  sendReport(ctx, 'error', { code: e.code });
  patch(ctx, { status: 'failed' });
}

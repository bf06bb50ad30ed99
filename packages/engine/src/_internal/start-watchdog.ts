import { LegatoError } from '@legato/errors';
import { distinctUntilChanged, map, merge, type Subscription, skip } from 'rxjs';
import type {
  WatchdogConfig,
  WatchdogEffect,
  WatchdogPhase,
  WatchdogRecovery,
  WatchedPhase,
} from '../core/watchdog.js';
import type { EngineState, EngineWatchdogOptions } from '../engine-types.js';
import { currentTrack, type EngineContext, emit, fail, nowMs } from './engine-context.js';
import { refresh } from './refresh-playback-info.js';
import { reacquireLicense } from './run-track.js';
import { runWatchdog$, type WatchdogSignal } from './run-watchdog.js';

/** Progress signals, allocated once (media bytes arrive per chunk). */
export const MEDIA_PROGRESS: WatchdogSignal = { type: 'progress', kind: 'media' };
export const LICENSE_PROGRESS: WatchdogSignal = { type: 'progress', kind: 'license' };
const PLAYHEAD_PROGRESS: WatchdogSignal = { type: 'progress', kind: 'playhead' };

const DEFAULT_LIMIT_MS = 30_000;
/** A playhead frozen while `playing` (media buffered ahead) is a stall after this long. */
const DEFAULT_PLAYING_LIMIT_MS = 10_000;
const DEFAULT_RECOVERIES: Readonly<Record<WatchedPhase, readonly WatchdogRecovery[]>> = {
  starting: ['retry-segment', 'refresh-playback-info'],
  rebuffering: ['retry-segment', 'refresh-playback-info'],
  'waiting-for-key': ['reacquire-license', 'refresh-playback-info'],
  playing: ['nudge-playhead', 'retry-segment'],
};

/** Engine options → reducer config (`refresh-playback-info` dropped without the port). */
export function resolveWatchdogConfig(
  options: EngineWatchdogOptions | undefined,
  canRefresh: boolean,
): WatchdogConfig {
  const limitsMs = {
    starting: options?.startingMs ?? DEFAULT_LIMIT_MS,
    rebuffering: options?.rebufferingMs ?? DEFAULT_LIMIT_MS,
    'waiting-for-key': options?.waitingForKeyMs ?? DEFAULT_LIMIT_MS,
    playing: options?.playingMs ?? DEFAULT_PLAYING_LIMIT_MS,
  };
  for (const [phase, ms] of Object.entries(limitsMs)) {
    if (!(ms > 0) || !Number.isFinite(ms)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `options.watchdog: expected a finite limit > 0 ms for ${phase}, received ${ms}`,
      );
    }
  }
  const usable = (list: readonly WatchdogRecovery[]) =>
    canRefresh ? list : list.filter((r) => r !== 'refresh-playback-info');
  const pick = (phase: WatchedPhase) =>
    usable(options?.recoveries?.[phase] ?? DEFAULT_RECOVERIES[phase]);
  return {
    limitsMs,
    recoveries: {
      starting: pick('starting'),
      rebuffering: pick('rebuffering'),
      'waiting-for-key': pick('waiting-for-key'),
      playing: pick('playing'),
    },
  };
}

/**
 * The license sessions' re-acquisition window, seconds: the watchdog's whole waiting-for-key
 * budget (its limit once per recovery, and once more before the fatal), at least 30 s (drm's
 * default) — so that a session re-acquiring on the watchdog's request does not give up
 * (`CDM_KEY_EXPIRED`) before the watchdog's later recoveries had their turn.
 */
export function licenseRecoveryWindowS(config: WatchdogConfig): number {
  const phase = 'waiting-for-key';
  return Math.max(30, (config.limitsMs[phase] * (config.recoveries[phase].length + 1)) / 1000);
}

/** The watchdog's view of the engine state. */
export function watchdogPhaseOf(state: EngineState): WatchdogPhase {
  if (state.status === 'loading') return 'starting';
  if (state.status === 'playing') return 'playing';
  if (state.status !== 'stalled') return 'healthy';
  return state.stallCause === 'key' ? 'waiting-for-key' : 'rebuffering';
}

/**
 * Runs the playback watchdog for one `load()`: phases from the engine state, progress from
 * `progress` (media bytes, license answers) and from the state's position (the playhead); each
 * effect becomes a `watchdog` event and the recovery on the current track, or the fatal
 * `ENGINE_STALLED`.
 */
export function startWatchdog(ctx: EngineContext, config: WatchdogConfig): Subscription {
  const phases = ctx.state.pipe(
    map(watchdogPhaseOf),
    distinctUntilChanged(),
    map((phase): WatchdogSignal => ({ type: 'phase', phase })),
  );
  const playhead = ctx.state.pipe(
    map((s) => s.positionS),
    distinctUntilChanged(),
    skip(1),
    map(() => PLAYHEAD_PROGRESS),
  );
  const signals = merge(phases, playhead, ctx.progress);
  return runWatchdog$(signals, config, ctx.scheduler).subscribe((effect) =>
    onWatchdogEffect(ctx, config, effect),
  );
}

function onWatchdogEffect(ctx: EngineContext, config: WatchdogConfig, e: WatchdogEffect): void {
  const rt = currentTrack(ctx);
  if (!rt) return;
  const action = e.type === 'recover' ? e.recovery : 'fatal';
  const attempt = e.type === 'recover' ? e.attempt : e.attempts;
  emit(ctx, {
    type: 'watchdog',
    trackId: rt.track.id,
    phase: e.phase,
    action,
    attempt,
    stalledMs: e.stalledMs,
    atMs: nowMs(ctx),
  });
  switch (action) {
    case 'fatal':
      fail(
        ctx,
        new LegatoError(
          'ENGINE_STALLED',
          `playback of ${rt.track.id}: expected progress while ${e.phase} within ${config.limitsMs[e.phase]} ms, received none after ${attempt} recoveries`,
          { details: { trackId: rt.track.id, phase: e.phase, recoveries: attempt } },
        ),
      );
      return;
    case 'retry-segment':
      rt.retrySegments.next();
      return;
    case 'nudge-playhead':
      ctx.sink.seek(ctx.sink.positionS());
      if (ctx.wantPlay) ctx.sink.play();
      return;
    case 'reacquire-license':
      reacquireLicense(rt, ctx.host);
      return;
    case 'refresh-playback-info':
      rt.subscription.add(
        refresh(rt, ctx.host, 'watchdog').subscribe({
          next: () => {
            rt.retrySegments.next();
            if (e.phase === 'waiting-for-key' || !['usable', 'none'].includes(rt.licenseStatus))
              reacquireLicense(rt, ctx.host);
          },
          error: (error: unknown) => fail(ctx, error),
        }),
      );
      return;
  }
}

/**
 * The engine phases the watchdog bounds: playback waits in each for something to arrive
 * (`playing`: the playhead itself, which must advance while media is buffered ahead).
 */
export type WatchedPhase = 'starting' | 'rebuffering' | 'waiting-for-key' | 'playing';

/** What the engine is doing, as far as the watchdog cares (`healthy`: paused, ended…). */
export type WatchdogPhase = WatchedPhase | 'healthy';

/** What the engine can do about a phase that made no progress. */
export type WatchdogRecovery =
  /** Ask the track's license session to re-acquire (a new CDM session and license request). */
  | 'reacquire-license'
  /** Fetch a fresh playbackInformation (new URLs and license headers), then re-request. */
  | 'refresh-playback-info'
  /**
   * Abort the track's requests in flight and request them again: segments, or while starting
   * the playbackInformation / MPD request.
   */
  | 'retry-segment'
  /**
   * Seek the sink to its own position and play again: what unsticks a media element frozen
   * inside buffered media (the same nudge shaka-player's stall detector gives).
   */
  | 'nudge-playhead';

/** Limits and recoveries of the watchdog. */
export interface WatchdogConfig {
  /** Longest time in each watched phase without progress, milliseconds. */
  readonly limitsMs: Readonly<Record<WatchedPhase, number>>;
  /**
   * Recoveries tried in order, one each time the limit passes again without progress, before
   * the fatal. An empty list: the first expiry is fatal.
   */
  readonly recoveries: Readonly<Record<WatchedPhase, readonly WatchdogRecovery[]>>;
}

/** What counts as progress: media bytes, a license answer, a playhead that moved. */
export type WatchdogProgressKind = 'media' | 'license' | 'playhead';

/** What the engine tells the watchdog; `atMs` is scheduler time. */
export type WatchdogObservation =
  /** The engine entered `phase`. */
  | { readonly type: 'phase'; readonly phase: WatchdogPhase; readonly atMs: number }
  /**
   * Something arrived: media bytes (counts while starting or rebuffering), a license answer
   * (counts while starting or waiting for a key) or a playhead that moved (counts while playing).
   */
  | {
      readonly type: 'progress';
      readonly kind: WatchdogProgressKind;
      readonly atMs: number;
    }
  /** Time passed (the stream wakes the reducer at `wakeAtMs`). */
  | { readonly type: 'tick'; readonly atMs: number };

/** The watchdog's state: the phase, since when it waits, and what was tried. */
export interface WatchdogState {
  readonly phase: WatchdogPhase;
  /** Entry into the phase, last counted progress or last recovery, whichever is latest, ms. */
  readonly sinceMs: number;
  /** Recoveries run in this phase (reset when the phase changes). */
  readonly attempts: number;
  /** A fatal was issued: the watchdog is done. */
  readonly fatal: boolean;
}

/** What the engine must do. */
export type WatchdogEffect =
  | {
      readonly type: 'recover';
      readonly phase: WatchedPhase;
      readonly recovery: WatchdogRecovery;
      /** 1-based number of this recovery in the phase. */
      readonly attempt: number;
      /** Time without progress, milliseconds. */
      readonly stalledMs: number;
    }
  | {
      readonly type: 'fatal';
      readonly phase: WatchedPhase;
      /** Recoveries tried before giving up. */
      readonly attempts: number;
      readonly stalledMs: number;
    };

/** One reducer step. */
export interface WatchdogStep {
  readonly state: WatchdogState;
  readonly effects: readonly WatchdogEffect[];
  /** When to send the next `tick` (`null`: nothing to watch). */
  readonly wakeAtMs: number | null;
}

const NO_EFFECTS: readonly WatchdogEffect[] = [];

/** The watchdog before any observation. */
export function initialWatchdogState(atMs: number): WatchdogState {
  return { phase: 'healthy', sinceMs: atMs, attempts: 0, fatal: false };
}

/**
 * The playback watchdog as a pure reducer: no watched phase lasts longer than its limit
 * without progress. Each time the limit passes it asks for the phase's next recovery (and
 * restarts the wait); when none is left it asks for a fatal, once. Time arrives in
 * observations; the caller wakes it with a `tick` at `wakeAtMs`.
 *
 * @example
 * ```ts
 * let s = initialWatchdogState(0);
 * s = watchdogStep(s, { type: 'phase', phase: 'waiting-for-key', atMs: 0 }, config).state;
 * watchdogStep(s, { type: 'tick', atMs: 30_000 }, config).effects;
 * // → [{ type: 'recover', recovery: 'reacquire-license', attempt: 1, … }]
 * ```
 */
export function watchdogStep(
  state: WatchdogState,
  observation: WatchdogObservation,
  config: WatchdogConfig,
): WatchdogStep {
  if (state.fatal) return { state, effects: NO_EFFECTS, wakeAtMs: null };
  const { atMs } = observation;
  switch (observation.type) {
    case 'phase': {
      if (observation.phase === state.phase) return settle(state, NO_EFFECTS, config);
      const next = { phase: observation.phase, sinceMs: atMs, attempts: 0, fatal: false };
      return settle(next, NO_EFFECTS, config);
    }
    case 'progress':
      if (!counts(state.phase, observation.kind)) return settle(state, NO_EFFECTS, config);
      return settle({ ...state, sinceMs: Math.max(state.sinceMs, atMs) }, NO_EFFECTS, config);
    case 'tick': {
      const phase = state.phase;
      if (phase === 'healthy') return settle(state, NO_EFFECTS, config);
      const stalledMs = atMs - state.sinceMs;
      if (stalledMs < config.limitsMs[phase]) return settle(state, NO_EFFECTS, config);
      const recovery = config.recoveries[phase][state.attempts];
      if (recovery === undefined) {
        const effect = { type: 'fatal', phase, attempts: state.attempts, stalledMs } as const;
        return { state: { ...state, fatal: true }, effects: [effect], wakeAtMs: null };
      }
      const attempt = state.attempts + 1;
      const effect = { type: 'recover', phase, recovery, attempt, stalledMs } as const;
      return settle({ ...state, sinceMs: atMs, attempts: attempt }, [effect], config);
    }
  }
}

function counts(phase: WatchdogPhase, kind: WatchdogProgressKind): boolean {
  if (phase === 'playing') return kind === 'playhead';
  if (phase === 'starting') return kind !== 'playhead';
  if (phase === 'rebuffering') return kind === 'media';
  if (phase === 'waiting-for-key') return kind === 'license';
  return false;
}

function settle(
  state: WatchdogState,
  effects: readonly WatchdogEffect[],
  config: WatchdogConfig,
): WatchdogStep {
  const wakeAtMs = state.phase === 'healthy' ? null : state.sinceMs + config.limitsMs[state.phase];
  return { state, effects, wakeAtMs };
}

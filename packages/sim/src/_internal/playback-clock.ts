/** Playback phase: waiting for the startup buffer, playing, or stalled (rebuffering). */
export type Phase = 'startup' | 'playing' | 'stalled';

/** Stall slivers shorter than this are floating-point noise, not stalls, s. */
const EPSILON_S = 1e-9;

/** Options of {@link createPlaybackClock}. */
export interface PlaybackClockOptions {
  /** Playable media needed to start, s. */
  readonly startupS: number;
  /** Playable media needed to resume after a stall, s. */
  readonly resumeS: number;
  /** Unencrypted media from the start of the track, s. */
  readonly clearLeadS: number;
  /** Wall-clock time at which the content key becomes usable, ms. */
  readonly licenseReadyMs: number;
}

/**
 * The playhead side of the simulator: a virtual wall clock, the buffer, and the startup /
 * playing / stalled phases. Encrypted media (past the clear lead) cannot play before the key is
 * usable: reaching it early is a stall, and playback resumes the moment the key arrives.
 */
export function createPlaybackClock(o: PlaybackClockOptions) {
  const state = {
    wallMs: 0,
    bufferS: 0,
    playedS: 0,
    phase: 'startup' as Phase,
    startupDelayS: 0,
    rebufferCount: 0,
    rebufferS: 0,
    /** Stall time since the last `markStall()`, s. */
    stallSinceMarkS: 0,
    allArrived: false,
  };
  const keyUsableAt = (ms: number) => ms >= o.licenseReadyMs;
  const playable = (): number =>
    keyUsableAt(state.wallMs)
      ? state.bufferS
      : Math.min(state.bufferS, Math.max(0, o.clearLeadS - state.playedS));

  /** Starts or resumes playback when enough playable media is buffered. */
  const tryPlay = (): void => {
    if (state.phase === 'playing') return;
    const p = playable();
    const need = state.phase === 'startup' ? o.startupS : o.resumeS;
    const drained = state.allArrived && p >= state.bufferS - EPSILON_S && state.bufferS > 0;
    if (!(p > 0 && (p >= need || drained))) return;
    if (state.phase === 'startup') state.startupDelayS = state.wallMs / 1000;
    state.phase = 'playing';
  };

  const stall = (s: number): void => {
    state.rebufferS += s;
    state.stallSinceMarkS += s;
  };

  /** Moves the clock to `toMs`, draining the buffer while playing; stalls when nothing plays. */
  const advance = (toMs: number): void => {
    while (state.wallMs < toMs) {
      const keyArrives = !keyUsableAt(state.wallMs) && o.licenseReadyMs <= toMs;
      const endMs = keyArrives ? o.licenseReadyMs : toMs;
      const dt = (endMs - state.wallMs) / 1000;
      if (state.phase === 'playing') {
        const p = playable();
        if (p >= dt - EPSILON_S) {
          const played = Math.min(dt, state.bufferS);
          state.bufferS -= played;
          state.playedS += played;
        } else {
          state.bufferS -= p;
          state.playedS += p;
          state.phase = 'stalled';
          state.rebufferCount++;
          stall(dt - p);
        }
      } else if (state.phase === 'stalled') {
        stall(dt);
      }
      state.wallMs = endMs;
      if (keyArrives) tryPlay();
    }
  };

  return {
    state,
    advance,
    keyUsable: () => keyUsableAt(state.wallMs),
    /** A segment of `segmentS` arrived now; `last` when it completes the track. */
    arrive(segmentS: number, last: boolean): void {
      state.bufferS += segmentS;
      if (last) state.allArrived = true;
      tryPlay();
    },
    markStall(): void {
      state.stallSinceMarkS = 0;
    },
    /** Plays out the buffer (waiting for the key if it must); returns the session length, ms. */
    finish(): number {
      if (!keyUsableAt(state.wallMs)) advance(o.licenseReadyMs);
      tryPlay();
      state.playedS += state.bufferS;
      const endMs = state.wallMs + state.bufferS * 1000;
      state.bufferS = 0;
      return endMs;
    },
  };
}

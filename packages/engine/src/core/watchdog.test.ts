import {
  initialWatchdogState,
  type WatchdogConfig,
  type WatchdogObservation,
  type WatchdogState,
  watchdogStep,
} from '@legato/engine';
import { describe, expect, it } from 'vitest';

const config: WatchdogConfig = {
  limitsMs: { starting: 20_000, rebuffering: 10_000, 'waiting-for-key': 30_000, playing: 8_000 },
  recoveries: {
    starting: ['retry-segment'],
    rebuffering: ['retry-segment', 'refresh-playback-info'],
    'waiting-for-key': ['reacquire-license'],
    playing: ['nudge-playhead'],
  },
};

function run(observations: readonly WatchdogObservation[]) {
  let state: WatchdogState = initialWatchdogState(0);
  const effects = [];
  let wakeAtMs: number | null = null;
  for (const o of observations) {
    const step = watchdogStep(state, o, config);
    state = step.state;
    wakeAtMs = step.wakeAtMs;
    effects.push(...step.effects);
  }
  return { state, effects, wakeAtMs };
}

describe('watchdogStep', () => {
  it('README example: a key that never comes → one license re-acquisition, then a typed fatal', () => {
    const { effects, state } = run([
      { type: 'phase', phase: 'waiting-for-key', atMs: 1000 },
      { type: 'tick', atMs: 31_000 },
      { type: 'tick', atMs: 61_000 },
      { type: 'tick', atMs: 91_000 },
    ]);
    expect(effects).toEqual([
      {
        type: 'recover',
        phase: 'waiting-for-key',
        recovery: 'reacquire-license',
        attempt: 1,
        stalledMs: 30_000,
      },
      { type: 'fatal', phase: 'waiting-for-key', attempts: 1, stalledMs: 30_000 },
    ]);
    expect(state.fatal).toBe(true);
  });

  it('does nothing before the limit and wakes at the deadline', () => {
    const { effects, wakeAtMs } = run([
      { type: 'phase', phase: 'rebuffering', atMs: 5000 },
      { type: 'tick', atMs: 14_999 },
    ]);
    expect(effects).toEqual([]);
    expect(wakeAtMs).toBe(15_000);
  });

  it('media bytes move the rebuffering deadline; a license answer does not', () => {
    const media = run([
      { type: 'phase', phase: 'rebuffering', atMs: 0 },
      { type: 'progress', kind: 'media', atMs: 8000 },
      { type: 'tick', atMs: 10_000 },
    ]);
    expect(media.effects).toEqual([]);
    expect(media.wakeAtMs).toBe(18_000);
    const license = run([
      { type: 'phase', phase: 'rebuffering', atMs: 0 },
      { type: 'progress', kind: 'license', atMs: 8000 },
      { type: 'tick', atMs: 10_000 },
    ]);
    expect(license.effects).toMatchObject([{ recovery: 'retry-segment', stalledMs: 10_000 }]);
  });

  it('playing: only a moving playhead is progress; a frozen one is nudged, then fatal', () => {
    const moving = run([
      { type: 'phase', phase: 'playing', atMs: 0 },
      { type: 'progress', kind: 'playhead', atMs: 7000 },
      { type: 'tick', atMs: 8000 },
    ]);
    expect(moving.effects).toEqual([]);
    expect(moving.wakeAtMs).toBe(15_000);
    // Media bytes keep arriving (the download goes on) while the element sits in silence.
    const frozen = run([
      { type: 'phase', phase: 'playing', atMs: 0 },
      { type: 'progress', kind: 'media', atMs: 4000 },
      { type: 'progress', kind: 'license', atMs: 6000 },
      { type: 'tick', atMs: 8000 },
      { type: 'progress', kind: 'media', atMs: 12_000 },
      { type: 'tick', atMs: 16_000 },
    ]);
    expect(frozen.effects).toEqual([
      {
        type: 'recover',
        phase: 'playing',
        recovery: 'nudge-playhead',
        attempt: 1,
        stalledMs: 8000,
      },
      { type: 'fatal', phase: 'playing', attempts: 1, stalledMs: 8000 },
    ]);
    // A moving playhead is no progress for the other phases.
    const rebuffering = run([
      { type: 'phase', phase: 'rebuffering', atMs: 0 },
      { type: 'progress', kind: 'playhead', atMs: 8000 },
      { type: 'tick', atMs: 10_000 },
    ]);
    expect(rebuffering.effects).toMatchObject([{ recovery: 'retry-segment', stalledMs: 10_000 }]);
  });

  it('a license answer moves the waiting-for-key deadline; media bytes do not', () => {
    const key = run([
      { type: 'phase', phase: 'waiting-for-key', atMs: 0 },
      { type: 'progress', kind: 'media', atMs: 29_000 },
      { type: 'progress', kind: 'license', atMs: 20_000 },
      { type: 'tick', atMs: 30_000 },
    ]);
    expect(key.effects).toEqual([]);
    expect(key.wakeAtMs).toBe(50_000);
  });

  it('tries the recoveries in order, a full limit apart, then the fatal', () => {
    const { effects } = run([
      { type: 'phase', phase: 'rebuffering', atMs: 0 },
      { type: 'tick', atMs: 10_000 },
      { type: 'tick', atMs: 15_000 }, // too early after the first recovery
      { type: 'tick', atMs: 20_000 },
      { type: 'tick', atMs: 30_000 },
      { type: 'tick', atMs: 40_000 },
    ]);
    expect(effects.map((e) => (e.type === 'recover' ? e.recovery : e.type))).toEqual([
      'retry-segment',
      'refresh-playback-info',
      'fatal',
    ]);
    expect(effects.at(-1)).toEqual({
      type: 'fatal',
      phase: 'rebuffering',
      attempts: 2,
      stalledMs: 10_000,
    });
  });

  it('a new phase starts a new wait with its own recoveries; healthy needs no wake', () => {
    const { effects, wakeAtMs } = run([
      { type: 'phase', phase: 'starting', atMs: 0 },
      { type: 'tick', atMs: 20_000 },
      { type: 'phase', phase: 'healthy', atMs: 21_000 },
      { type: 'tick', atMs: 90_000 },
      { type: 'phase', phase: 'starting', atMs: 100_000 },
      { type: 'tick', atMs: 120_000 },
    ]);
    expect(effects.map((e) => e.type)).toEqual(['recover', 'recover']);
    expect(wakeAtMs).toBe(140_000);
    expect(run([{ type: 'phase', phase: 'healthy', atMs: 5 }]).wakeAtMs).toBeNull();
  });

  it('an empty recovery list makes the first expiry fatal, and nothing follows a fatal', () => {
    const strict = { ...config, recoveries: { ...config.recoveries, starting: [] } };
    let state = initialWatchdogState(0);
    state = watchdogStep(state, { type: 'phase', phase: 'starting', atMs: 0 }, strict).state;
    const fatal = watchdogStep(state, { type: 'tick', atMs: 20_000 }, strict);
    expect(fatal.effects).toEqual([
      { type: 'fatal', phase: 'starting', attempts: 0, stalledMs: 20_000 },
    ]);
    const after = watchdogStep(
      fatal.state,
      { type: 'phase', phase: 'rebuffering', atMs: 21_000 },
      strict,
    );
    expect(after).toEqual({ state: fatal.state, effects: [], wakeAtMs: null });
  });
});

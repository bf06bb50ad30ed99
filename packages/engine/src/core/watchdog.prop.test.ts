import { fc, test } from '@fast-check/vitest';
import {
  initialWatchdogState,
  type WatchdogConfig,
  type WatchdogObservation,
  type WatchedPhase,
  watchdogStep,
} from '@legato/engine';
import { expect } from 'vitest';

const PHASES = ['starting', 'rebuffering', 'waiting-for-key', 'playing', 'healthy'] as const;
const RECOVERIES = [
  'reacquire-license',
  'refresh-playback-info',
  'retry-segment',
  'nudge-playhead',
] as const;
const watched = (limit: fc.Arbitrary<number>) =>
  fc.record({ starting: limit, rebuffering: limit, 'waiting-for-key': limit, playing: limit });
const configArb: fc.Arbitrary<WatchdogConfig> = fc.record({
  limitsMs: watched(fc.integer({ min: 1, max: 60_000 })),
  recoveries: fc.record({
    starting: fc.array(fc.constantFrom(...RECOVERIES), { maxLength: 3 }),
    rebuffering: fc.array(fc.constantFrom(...RECOVERIES), { maxLength: 3 }),
    'waiting-for-key': fc.array(fc.constantFrom(...RECOVERIES), { maxLength: 3 }),
    playing: fc.array(fc.constantFrom(...RECOVERIES), { maxLength: 3 }),
  }),
});
/** Observations with non-decreasing time: each one a gap after the previous. */
const stepsArb = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 40_000 }),
    fc.oneof(
      fc.record({ type: fc.constant('phase' as const), phase: fc.constantFrom(...PHASES) }),
      fc.record({
        type: fc.constant('progress' as const),
        kind: fc.constantFrom('media' as const, 'license' as const, 'playhead' as const),
      }),
      fc.record({ type: fc.constant('tick' as const) }),
    ),
  ),
  { maxLength: 60 },
);

test.prop([configArb, stepsArb], { numRuns: 300 })(
  'a recovery or fatal only past the limit; at most one fatal, then silence; recoveries in order',
  (config, steps) => {
    let state = initialWatchdogState(0);
    let atMs = 0;
    let fatals = 0;
    let done = false;
    for (const [gap, o] of steps) {
      atMs += gap;
      const before = state;
      const step = watchdogStep(state, { ...o, atMs } as WatchdogObservation, config);
      state = step.state;
      if (done) expect(step.effects).toEqual([]);
      for (const e of step.effects) {
        expect(o.type).toBe('tick');
        expect(before.phase).toBe(e.phase);
        expect(e.stalledMs).toBeGreaterThanOrEqual(config.limitsMs[e.phase]);
        const list = config.recoveries[e.phase as WatchedPhase];
        if (e.type === 'recover') expect(e.recovery).toBe(list[e.attempt - 1]);
        else {
          expect(e.attempts).toBe(list.length);
          fatals++;
          done = true;
        }
      }
      expect(step.effects.length).toBeLessThanOrEqual(1);
      // Nothing to watch ⇔ no wake-up; a wake-up is never before the current wait started.
      if (state.fatal || state.phase === 'healthy') expect(step.wakeAtMs).toBeNull();
      else expect(step.wakeAtMs).toBe(state.sinceMs + config.limitsMs[state.phase]);
    }
    expect(fatals).toBeLessThanOrEqual(1);
  },
);

test.prop(
  [configArb, fc.constantFrom('starting', 'rebuffering', 'waiting-for-key', 'playing' as const)],
  {
    numRuns: 100,
  },
)('a phase with no progress ends in the fatal after exactly its recoveries', (config, phase) => {
  let step = watchdogStep(initialWatchdogState(0), { type: 'phase', phase, atMs: 0 }, config);
  const effects = [];
  // Waking exactly when asked: bounded, every recovery once, then the fatal.
  for (let i = 0; i < 10 && step.wakeAtMs !== null; i++) {
    step = watchdogStep(step.state, { type: 'tick', atMs: step.wakeAtMs }, config);
    effects.push(...step.effects);
  }
  expect(effects.map((e) => (e.type === 'recover' ? e.recovery : 'fatal'))).toEqual([
    ...config.recoveries[phase],
    'fatal',
  ]);
  expect(step.wakeAtMs).toBeNull();
});

import { map, type Observable, Subject, tap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { WatchdogConfig, WatchdogEffect } from '../core/watchdog.js';
import { runWatchdog$, type WatchdogSignal } from './run-watchdog.js';

const config: WatchdogConfig = {
  limitsMs: { starting: 5, rebuffering: 4, 'waiting-for-key': 6, playing: 7 },
  recoveries: {
    starting: ['retry-segment'],
    rebuffering: ['retry-segment', 'refresh-playback-info'],
    'waiting-for-key': ['reacquire-license'],
    playing: [],
  },
};
const S: Record<string, WatchdogSignal> = {
  s: { type: 'phase', phase: 'starting' },
  r: { type: 'phase', phase: 'rebuffering' },
  k: { type: 'phase', phase: 'waiting-for-key' },
  h: { type: 'phase', phase: 'healthy' },
  m: { type: 'progress', kind: 'media' },
  l: { type: 'progress', kind: 'license' },
};
/** One letter per effect: retry-segment R, refresh-playback-info P, reacquire-license K, nudge N, fatal F. */
const LETTER = {
  'retry-segment': 'R',
  'refresh-playback-info': 'P',
  'reacquire-license': 'K',
  'nudge-playhead': 'N',
};
const letters = (source: Observable<WatchdogEffect>) =>
  source.pipe(map((e) => (e.type === 'recover' ? LETTER[e.recovery] : 'F')));
const L = { R: 'R', P: 'P', K: 'K', F: 'F' };

function scheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('runWatchdog$ (virtual time)', () => {
  it('rebuffering without bytes: a retry at 4 ms, a refresh 4 ms later, the fatal 4 ms later', () => {
    const ts = scheduler();
    ts.run(({ hot, expectObservable }) => {
      const out = runWatchdog$(hot('r', S), config, ts);
      expectObservable(out.pipe(letters)).toBe('----R---P---F', L);
    });
  });

  it('media bytes push the deadline; once they stop, the limit counts from the last byte', () => {
    const ts = scheduler();
    ts.run(({ hot, expectObservable }) => {
      const out = runWatchdog$(hot('r--m--m--m', S), config, ts);
      expectObservable(out.pipe(letters), '^------------------!').toBe('-------------R---P', L);
    });
  });

  it('waiting for a key: license answers count, media bytes do not', () => {
    const ts = scheduler();
    ts.run(({ hot, expectObservable }) => {
      const out = runWatchdog$(hot('k-m-m-l', S), config, ts);
      expectObservable(out.pipe(letters), '^---------------!').toBe('------------K', L);
    });
  });

  it('leaving the phase in time cancels the wait; nothing fires while healthy', () => {
    const ts = scheduler();
    ts.run(({ hot, expectObservable }) => {
      const out = runWatchdog$(hot('s---h', S), config, ts);
      expectObservable(out.pipe(letters), '^--------------------!').toBe('', L);
    });
  });

  it('unsubscribing cancels the pending wake-up', () => {
    const ts = scheduler();
    ts.run(({ hot, expectObservable, flush }) => {
      const out = runWatchdog$(hot('s', S), config, ts);
      expectObservable(out.pipe(letters), '^--!').toBe('', L);
      flush();
      expect(ts.actions).toHaveLength(0);
    });
  });

  it('a recovery that changes the phase at once is handled in order (re-entrant signals)', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const signals = new Subject<WatchdogSignal>();
      const out = runWatchdog$(signals, config, ts).pipe(
        // The engine's answer to a retry: the phase goes healthy, then rebuffering again.
        tap((e) => {
          if (e.type !== 'recover') return;
          signals.next(S['h']!);
          signals.next(S['r']!);
        }),
        letters,
      );
      ts.schedule(() => signals.next(S['r']!), 1);
      // Each recovery starts a new rebuffering phase: the watchdog never reaches the fatal,
      // but fires every limit, never silently.
      expectObservable(out, '^--------------!').toBe('-----R---R---R', L);
    });
  });
});

import { Observable, type SchedulerLike, type Subscription } from 'rxjs';
import {
  initialWatchdogState,
  type WatchdogConfig,
  type WatchdogEffect,
  type WatchdogObservation,
  type WatchdogPhase,
  type WatchdogProgressKind,
  watchdogStep,
} from '../core/watchdog.js';

/** An observation as the engine sends it: the stream stamps it with the scheduler's time. */
export type WatchdogSignal =
  | { readonly type: 'phase'; readonly phase: WatchdogPhase }
  | { readonly type: 'progress'; readonly kind: WatchdogProgressKind };

/**
 * Runs {@link watchdogStep} over the engine's signals on `scheduler`: stamps each signal with
 * `scheduler.now()`, keeps one timer armed for the reducer's `wakeAtMs` (progress only moves the
 * deadline later, so the timer fires early and re-arms, never one timer per chunk), and emits
 * the effects. Effects are emitted one at a time even when handling one sends a new signal.
 * Unsubscribing cancels the timer.
 */
export function runWatchdog$(
  signals$: Observable<WatchdogSignal>,
  config: WatchdogConfig,
  scheduler: SchedulerLike,
): Observable<WatchdogEffect> {
  return new Observable<WatchdogEffect>((subscriber) => {
    let state = initialWatchdogState(scheduler.now());
    let timer: Subscription | undefined;
    let armedAtMs = Number.POSITIVE_INFINITY;
    const inbox: WatchdogObservation[] = [];
    let draining = false;

    const arm = (wakeAtMs: number | null): void => {
      if (wakeAtMs !== null && timer !== undefined && armedAtMs <= wakeAtMs) return;
      timer?.unsubscribe();
      timer = undefined;
      armedAtMs = Number.POSITIVE_INFINITY;
      if (wakeAtMs === null) return;
      armedAtMs = wakeAtMs;
      timer = scheduler.schedule(
        () => {
          timer = undefined;
          armedAtMs = Number.POSITIVE_INFINITY;
          dispatch({ type: 'tick', atMs: scheduler.now() });
        },
        Math.max(0, wakeAtMs - scheduler.now()),
      );
    };

    const dispatch = (observation: WatchdogObservation): void => {
      inbox.push(observation);
      if (draining) return;
      draining = true;
      try {
        for (let o = inbox.shift(); o && !subscriber.closed; o = inbox.shift()) {
          const step = watchdogStep(state, o, config);
          state = step.state;
          arm(step.wakeAtMs);
          for (const effect of step.effects) subscriber.next(effect);
        }
      } finally {
        draining = false;
      }
    };

    const input = signals$.subscribe({
      next: (signal) => dispatch({ ...signal, atMs: scheduler.now() }),
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    return () => {
      input.unsubscribe();
      timer?.unsubscribe();
      inbox.length = 0;
    };
  });
}

/**
 * Marble tests for streams over promise-based ports (a WHATWG fetch, a CDM's `update`).
 * `TestScheduler.run` flushes synchronously, so a stream that awaits a promise never progresses
 * inside it. This clock jumps a `VirtualTimeScheduler` from one scheduled action to the next and
 * lets promises settle in between, records what the stream emits at which virtual millisecond,
 * and compares that with a marble diagram parsed by RxJS's own `TestScheduler.parseMarbles`
 * (time-progression syntax, 1 frame = 1 ms), so expectations read like any marble test.
 */
import { type Observable, type Subscription, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';

type Frame = {
  frame: number;
  notification: { kind: 'N' | 'E' | 'C'; value: unknown; error: unknown };
};

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A virtual clock that records a stream's notifications by virtual time. */
export function createMarbleClock() {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  /** Runs every action due up to `untilMs`, in time order, settling promises after each. */
  async function runUntil(untilMs: number): Promise<void> {
    await settle();
    for (;;) {
      const next = scheduler.actions[0];
      if (next === undefined || next.delay > untilMs) break;
      scheduler.maxFrames = next.delay;
      scheduler.flush();
      scheduler.frame = next.delay;
      await settle();
    }
    scheduler.frame = untilMs;
  }
  return {
    scheduler,
    runUntil,
    /**
     * Subscribes at 0 (or `subscribeAtMs`), unsubscribes at `unsubscribeAtMs` if given, runs
     * the clock to `untilMs` and returns the recorded frames.
     */
    async record<T>(
      source$: Observable<T>,
      opts: { untilMs: number; unsubscribeAtMs?: number },
    ): Promise<Frame[]> {
      const frames: Frame[] = [];
      const at = () => scheduler.frame;
      const subscription: Subscription = source$.subscribe({
        next: (value) =>
          frames.push({ frame: at(), notification: { kind: 'N', value, error: undefined } }),
        error: (error) =>
          frames.push({ frame: at(), notification: { kind: 'E', value: undefined, error } }),
        complete: () =>
          frames.push({
            frame: at(),
            notification: { kind: 'C', value: undefined, error: undefined },
          }),
      });
      if (opts.unsubscribeAtMs !== undefined) {
        scheduler.schedule(() => subscription.unsubscribe(), opts.unsubscribeAtMs);
      }
      await runUntil(opts.untilMs);
      subscription.unsubscribe();
      return frames;
    },
  };
}

/** Asserts `frames` equal the marble diagram (values by letter; `#` is `error`). */
export function expectMarbles(
  frames: readonly Frame[],
  marbles: string,
  values?: Record<string, unknown>,
  error?: unknown,
): void {
  const expected = TestScheduler.parseMarbles(marbles, values, error, false, true);
  expect(frames).toEqual(expected);
}

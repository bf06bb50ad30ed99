import { interval, type SchedulerAction, Subscription, timer } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './virtual-clock.js';

describe('createVirtualClock', () => {
  it('fires timers at their virtual times and settles promises between steps', async () => {
    const clock = createVirtualClock();
    const seen: string[] = [];
    timer(120, clock.scheduler).subscribe(() => {
      seen.push(`timer@${clock.scheduler.now()}`);
      void Promise.resolve().then(() => seen.push(`promise@${clock.nowMs()}`));
    });
    interval(100, clock.scheduler).subscribe((i) => seen.push(`tick${i}@${clock.scheduler.now()}`));
    await clock.advance(250, 50);
    expect(seen).toEqual(['tick0@100', 'timer@120', 'promise@150', 'tick1@200']);
    expect(clock.nowMs()).toBe(250);
  });

  it('runs work scheduled from a promise callback from the step it settled in', async () => {
    const clock = createVirtualClock();
    const at: number[] = [];
    void Promise.resolve().then(() =>
      clock.scheduler.schedule(() => at.push(clock.scheduler.now()), 30),
    );
    await clock.advance(100, 50);
    expect(at).toEqual([30]);
  });

  it('a rescheduled action replaces its pending run, keeps FIFO order at equal times, and cancels', async () => {
    const clock = createVirtualClock();
    const log: string[] = [];
    const a = clock.scheduler.schedule<number>(function (this: SchedulerAction<number>, n = 0) {
      log.push(`a${n}@${clock.scheduler.now()}`);
      if (n < 2) this.schedule(n + 1, 10);
    }, 10);
    clock.scheduler.schedule(() => log.push(`b@${clock.scheduler.now()}`), 20);
    // Rescheduling before it ran moves it (one pending run, not two).
    const moved = clock.scheduler.schedule(() => log.push(`c@${clock.scheduler.now()}`), 5);
    (moved as unknown as SchedulerAction<unknown>).schedule(undefined, 15);
    const cancelled = clock.scheduler.schedule(() => log.push('never'), 25);
    cancelled.unsubscribe();
    await clock.advance(100, 50);
    expect(log).toEqual(['a0@10', 'c@15', 'b@20', 'a1@20', 'a2@30']);
    expect(a.closed).toBe(false);
    a.unsubscribe();
    expect(clock.scheduler.actions).toEqual([]);
  });

  it('a repeating timer over a long run does not nest actions: 100,000 ticks, then a clean unsubscribe', async () => {
    // rxjs's VirtualAction chains each repetition to the previous one (a Subscription child), so
    // ~1,000 virtual seconds of an engine's 10 ms timers overflowed the stack on unsubscribe.
    const clock = createVirtualClock();
    let ticks = 0;
    const sub = new Subscription();
    sub.add(interval(1, clock.scheduler).subscribe(() => ticks++));
    await clock.advance(100_000, 100_000);
    expect(ticks).toBe(100_000);
    expect(() => sub.unsubscribe()).not.toThrow();
    expect(clock.scheduler.actions).toEqual([]);
  });
});

import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * A real-time scheduler `speed` times faster than the wall clock, for the in-browser engine
 * test (the page plays at `playbackRate = speed`, the origin shapes its trace at `speed`).
 * Mirrors the engine tests' helper, which this package cannot import.
 */
export function createScaledScheduler(
  speed: number,
  base: SchedulerLike = asyncScheduler,
): SchedulerLike {
  const origin = base.now();
  const scaled = (delay: number | undefined) => (delay ?? 0) / speed;
  const wrap = <T>(work: (this: SchedulerAction<T>, state?: T) => void) =>
    function (this: SchedulerAction<T>, state?: T): void {
      const action = new Proxy(this, {
        get(target, prop) {
          if (prop === 'schedule')
            return (s?: T, delay?: number) => target.schedule(s, scaled(delay));
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      work.call(action, state);
    };
  return {
    now: () => origin + (base.now() - origin) * speed,
    schedule<T>(
      work: (this: SchedulerAction<T>, state?: T) => void,
      delay?: number,
      state?: T,
    ): Subscription {
      return base.schedule(wrap(work), scaled(delay), state);
    },
  };
}

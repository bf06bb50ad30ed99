import { LegatoError } from '@legato/errors';
import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * A real-time scheduler running `speed` times faster than the wall clock: `now()` advances
 * `speed` ms per wall ms and every delay (including an action's own re-scheduling, as `interval`
 * does) is divided by `speed`. The loopback sandbox (so `legato demo` and the engine's end-to-end
 * tests) runs the engine, the sink's playhead and the origin's trace on one such clock, so a
 * 60 s track plays in seconds with the same timing relations between network and playback.
 */
export function createScaledScheduler(
  speed: number,
  base: SchedulerLike = asyncScheduler,
): SchedulerLike {
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `speed: expected a finite number > 0, received ${speed}`,
    );
  }
  const origin = base.now();
  const scaled = (delay: number | undefined) => (delay ?? 0) / speed;
  const wrap = <T>(work: (this: SchedulerAction<T>, state?: T) => void) =>
    function (this: SchedulerAction<T>, state?: T): void {
      const action = new Proxy(this, {
        get(target, prop) {
          if (prop === 'schedule') {
            return (s?: T, delay?: number) => target.schedule(s, scaled(delay));
          }
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

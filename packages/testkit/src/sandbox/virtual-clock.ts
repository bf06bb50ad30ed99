import { type SchedulerAction, Subscription, VirtualAction, VirtualTimeScheduler } from 'rxjs';

/** Virtual time for tests whose ports return promises; see {@link createVirtualClock}. */
export interface VirtualClock {
  readonly scheduler: VirtualTimeScheduler;
  /** Virtual now, milliseconds. */
  nowMs(): number;
  /** Advances virtual time by `ms` in steps of `stepMs`, settling promises after each step. */
  advance(ms: number, stepMs?: number): Promise<void>;
}

/**
 * A virtual action that reschedules itself in place. rxjs's `VirtualAction` answers each
 * reschedule (every tick of an `interval`, every repeat of a polling timer) with a new action
 * added as a child of the previous one, so a timer that fired n times is a chain n deep: its
 * unsubscribe recursed n levels (a ~1,000 virtual-second engine run overflowed the stack on
 * `stop()`) and every fired run stayed reachable. Here the action takes a fresh queue position
 * (so equal-time actions still run in scheduling order) and goes back into the queue once.
 */
class FlatVirtualAction<T> extends VirtualAction<T> {
  constructor(
    scheduler: VirtualTimeScheduler,
    work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super(scheduler, work);
  }

  override schedule(state?: T, delay = 0): Subscription {
    if (!Number.isFinite(delay)) return Subscription.EMPTY;
    if (this.closed || this.id === undefined) return super.schedule(state, delay);
    const { actions } = this.scheduler;
    const at = actions.indexOf(this);
    if (at >= 0) actions.splice(at, 1);
    this.scheduler.index += 1;
    this.index = this.scheduler.index;
    this.id = undefined; // queued afresh by the base class, not chained
    return super.schedule(state, delay);
  }
}

/**
 * Virtual time that also lets promises settle. RxJS `TestScheduler.run` cannot interleave with
 * promise-based ports (a sink's `append`, a CDM's `update`); this clock runs the scheduler's
 * actions up to each step and then drains the microtask and immediate queues, so a whole track
 * can play through promise-based ports in milliseconds of wall time. Repeating timers reuse one
 * action each (a flat VirtualAction subclass), so runs of any virtual length tear down in
 * constant stack.
 */
export function createVirtualClock(): VirtualClock {
  const scheduler = new VirtualTimeScheduler(
    FlatVirtualAction as unknown as ConstructorParameters<typeof VirtualTimeScheduler>[0],
    0,
  );
  let now = 0;
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    scheduler,
    nowMs: () => now,
    async advance(ms, stepMs = 50) {
      const end = now + ms;
      await settle();
      while (now < end) {
        now = Math.min(end, now + stepMs);
        scheduler.maxFrames = now;
        scheduler.flush();
        scheduler.frame = now; // work scheduled from promise callbacks starts from here
        await settle();
      }
    },
  };
}

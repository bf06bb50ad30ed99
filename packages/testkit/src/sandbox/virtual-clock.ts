import { VirtualAction, VirtualTimeScheduler } from 'rxjs';

/** Virtual time for tests whose ports return promises; see {@link createVirtualClock}. */
export interface VirtualClock {
  readonly scheduler: VirtualTimeScheduler;
  /** Virtual now, milliseconds. */
  nowMs(): number;
  /** Advances virtual time by `ms` in steps of `stepMs`, settling promises after each step. */
  advance(ms: number, stepMs?: number): Promise<void>;
}

/**
 * Virtual time that also lets promises settle. RxJS `TestScheduler.run` cannot interleave with
 * promise-based ports (a sink's `append`, a CDM's `update`); this clock runs the scheduler's
 * actions up to each step and then drains the microtask and immediate queues, so a whole track
 * can play through promise-based ports in milliseconds of wall time.
 */
export function createVirtualClock(): VirtualClock {
  const scheduler = new VirtualTimeScheduler(VirtualAction, 0);
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

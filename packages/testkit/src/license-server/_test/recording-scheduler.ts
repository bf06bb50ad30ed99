import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/** A real-time scheduler that records every requested delay and runs short ones at once. */
export interface RecordingScheduler extends SchedulerLike {
  /** Every delay asked for, ms, in order. */
  readonly delays: number[];
}

/**
 * Wraps `asyncScheduler`: delays below `keepMs` (retry backoffs, Retry-After) run after 1 ms
 * so retry tests stay fast, while the requested delay is recorded for assertions; longer
 * ones (timeouts) keep their real length.
 */
export function createRecordingScheduler(keepMs = 60_000): RecordingScheduler {
  const delays: number[] = [];
  return {
    delays,
    now: () => asyncScheduler.now(),
    schedule<T>(
      work: (this: SchedulerAction<T>, state?: T) => void,
      delay = 0,
      state?: T,
    ): Subscription {
      delays.push(delay);
      return asyncScheduler.schedule(work, delay >= keepMs ? delay : Math.min(delay, 1), state);
    },
  };
}

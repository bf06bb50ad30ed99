/** Test helpers for the HTTP transports: a scripted WHATWG fetch port and a recording scheduler. */
import { asyncScheduler, type SchedulerAction, type SchedulerLike } from 'rxjs';

/**
 * Records every requested delay and runs it at once, except delays ≥ 60 s (the timeouts tests
 * set), which keep their length. `now` is the async scheduler's unless `nowMs` is given.
 */
export function recordingScheduler(nowMs?: number): SchedulerLike & { delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    now: () => nowMs ?? asyncScheduler.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T) {
      delays.push(delay);
      return asyncScheduler.schedule(work, delay >= 60_000 ? delay : 0, state);
    },
  };
}

/** A WHATWG fetch port answering from a script of responses, errors or `'hang'` (until aborted). */
export function fetchPort(...script: (Response | Error | 'hang')[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const signals: AbortSignal[] = [];
  const transport = (url: string, init: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    if (init.signal) signals.push(init.signal);
    const next = script.shift() ?? new Response('{}', { status: 500 });
    if (next === 'hang') {
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      );
    }
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { transport, calls, signals };
}

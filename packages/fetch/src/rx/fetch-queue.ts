import { LegatoError } from '@legato/errors';
import { defer, Observable, ReplaySubject, type Subscriber, type Subscription, share } from 'rxjs';
import type { FetchEvent } from '../core/fetch-event.js';
import type { SegmentRequest } from '../core/segment-request.js';
import { requestPriority, segmentRequestKey } from '../core/segment-request-key.js';
import { fetchSegment$ } from './fetch-segment.js';
import type { FetchSegmentOptions } from './fetch-segment-options.js';

/** Options of {@link createFetchQueue}: the fetch options plus the concurrency limit. */
export interface FetchQueueOptions extends FetchSegmentOptions {
  /** Requests in flight at once. @default 6 */
  readonly maxConcurrency?: number;
}

/** A prioritized, de-duplicating segment request queue. */
export interface FetchQueue {
  /**
   * Cold: subscribing queues the request (license > manifest > init > index > media, then first
   * come first served); it runs when a slot is free. An identical request already queued or in
   * flight is shared, not repeated (a late subscriber sees the latest event, then the rest).
   * Unsubscribing every subscriber dequeues or aborts it.
   */
  fetch$(request: SegmentRequest, key?: string): Observable<FetchEvent>;
  /** Cancels a queued or running request by key; its subscribers get an `ABORTED` error. */
  cancel(key: string): boolean;
  /** Requests running now. */
  readonly activeCount: number;
  /** Requests waiting for a slot. */
  readonly pendingCount: number;
}

interface Ticket {
  readonly priority: number;
  readonly seq: number;
  readonly start: () => void;
  readonly abort: () => void;
}

/**
 * Creates a queue that runs at most `maxConcurrency` `fetchSegment$` requests at once.
 *
 * @example
 * ```ts
 * const queue = createFetchQueue({ maxConcurrency: 2, allowInsecureOrigins: true });
 * queue.fetch$({ urls: [url], range: { start: 0, end: 1067 }, kind: 'init' }).subscribe();
 * ```
 */
export function createFetchQueue(options: FetchQueueOptions = {}): FetchQueue {
  const { maxConcurrency = 6, ...fetchOptions } = options;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `options.maxConcurrency: expected an integer ≥ 1, received ${String(maxConcurrency)}`,
    );
  }
  const waiting: Ticket[] = [];
  const shared = new Map<string, { events$: Observable<FetchEvent>; ticket?: Ticket }>();
  let running = 0;
  let seq = 0;
  let pumping = false;

  const pump = (): void => {
    if (pumping) return;
    pumping = true;
    while (running < maxConcurrency && waiting.length > 0) waiting.shift()!.start();
    pumping = false;
  };

  const enqueue = (ticket: Ticket): void => {
    let i = waiting.length;
    while (i > 0 && waiting[i - 1]!.priority > ticket.priority) i--;
    waiting.splice(i, 0, ticket);
    pump();
  };

  const source = (key: string, request: SegmentRequest): Observable<FetchEvent> =>
    new Observable<FetchEvent>((subscriber: Subscriber<FetchEvent>) => {
      let state: 'waiting' | 'running' | 'done' = 'waiting';
      let inner: Subscription | undefined;
      const ticket: Ticket = {
        priority: requestPriority(request.kind),
        seq: seq++,
        start: () => {
          state = 'running';
          running++;
          inner = fetchSegment$(request, fetchOptions).subscribe(subscriber);
        },
        abort: () =>
          subscriber.error(
            new LegatoError('ABORTED', `request "${request.kind}" cancelled by key`, {
              details: { key },
            }),
          ),
      };
      const entry = shared.get(key);
      if (entry) entry.ticket = ticket;
      enqueue(ticket);
      return () => {
        if (state === 'waiting') waiting.splice(waiting.indexOf(ticket), 1);
        if (state === 'running') {
          inner?.unsubscribe();
          running--;
        }
        state = 'done';
        if (shared.get(key)?.ticket === ticket) shared.delete(key);
        pump();
      };
    });

  return {
    fetch$(request, key = segmentRequestKey(request)) {
      return defer(() => {
        let entry = shared.get(key);
        if (!entry) {
          entry = {
            events$: source(key, request).pipe(
              share({ connector: () => new ReplaySubject<FetchEvent>(1) }),
            ),
          };
          shared.set(key, entry);
        }
        return entry.events$;
      });
    },
    cancel(key) {
      const ticket = shared.get(key)?.ticket;
      if (!ticket) return false;
      ticket.abort();
      return true;
    },
    get activeCount() {
      return running;
    },
    get pendingCount() {
      return waiting.length;
    },
  };
}

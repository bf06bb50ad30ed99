import { LegatoError } from '@legato/errors';
import { Observable, Subject, type Subscriber, type Subscription } from 'rxjs';
import { chooseEvictions, sessionCacheKey } from '../core/choose-evictions.js';
import type { SessionEvent, SessionStatus } from '../core/session-state.js';

/** Options of {@link createSessionCache}. */
export interface SessionCacheOptions {
  /** Open sessions kept, in use or idle (idle ones are closed least recently used first). */
  readonly maxSessions: number;
}

/** Shares license sessions by key system + key-id set. */
export interface SessionCache {
  /**
   * The shared session for `keySystem` + `keyIds`: subscribers of the same key share one
   * CDM session and one license request; late subscribers first receive the current
   * `state` (and `usable` / `keys-unusable`). `open` makes the real session stream; its
   * argument emits whenever a subscriber's `reacquire$` does (pass it as the session's
   * `reacquire$`), so any sharer can ask the shared session for a fresh license.
   */
  acquire(
    keySystem: string,
    keyIds: readonly string[],
    open: (reacquire$: Observable<void>) => Observable<SessionEvent>,
    reacquire$?: Observable<unknown>,
  ): Observable<SessionEvent>;
  /** Number of sessions held (open, being opened or queued). */
  readonly size: number;
  /** Closes every session without subscribers (in-flight ones once they settle). */
  clear(): void;
}

const IN_FLIGHT: ReadonlySet<SessionStatus> = new Set([
  'idle',
  'provisioning',
  'awaiting-init-data',
  'creating',
  'generating-request',
  'requesting-license',
  'updating',
  'renewing',
]);
/** Statuses after which the next queued session may start creating. */
const CREATING: ReadonlySet<SessionStatus> = new Set([
  'idle',
  'provisioning',
  'awaiting-init-data',
  'creating',
  'generating-request',
]);

interface Entry {
  readonly key: string;
  readonly open: (reacquire$: Observable<void>) => Observable<SessionEvent>;
  /** Re-acquisition requests of every subscriber, into the connected session. */
  readonly reacquire: Subject<void>;
  readonly listeners: Set<Subscriber<SessionEvent>>;
  connection: Subscription | undefined;
  status: SessionStatus;
  /** Last `usable` or `keys-unusable` event, replayed to late subscribers. */
  keys: SessionEvent | undefined;
  lastUsedTick: number;
  /** Closed on the next eviction pass regardless of LRU order (`clear()`). */
  doomed: boolean;
}

/**
 * A cache of license sessions keyed by key system + the set of key ids. Sessions are
 * created one at a time (the next starts once the previous has sent its license request);
 * concurrent subscribers for the same key share one license request; beyond `maxSessions`
 * the least recently used idle session is closed, never while its request is in flight; a
 * session whose key expired or hit an internal error is never handed out again. A
 * subscriber's `reacquire$` (a watchdog's) makes the shared session re-acquire — a new CDM
 * session and license request — instead of handing the stale one back.
 *
 * @example
 * ```ts
 * const cache = createSessionCache({ maxSessions: 4 });
 * const session$ = licenseSession$(track, { cdm, transport, cache });
 * ```
 */
export function createSessionCache(options: SessionCacheOptions): SessionCache {
  if (!Number.isInteger(options.maxSessions) || options.maxSessions < 1) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `maxSessions: expected an integer ≥ 1, received ${String(options.maxSessions)}`,
    );
  }
  const entries = new Map<string, Entry>();
  const queue: Entry[] = [];
  let creating: Entry | undefined;
  let tick = 0;

  function isUnusable(entry: Entry): boolean {
    return entry.keys?.type === 'keys-unusable' && entry.keys.reason !== 'output-restricted';
  }

  function remove(entry: Entry): void {
    if (entries.get(entry.key) === entry) entries.delete(entry.key);
    const queued = queue.indexOf(entry);
    if (queued >= 0) queue.splice(queued, 1);
    const connection = entry.connection;
    entry.connection = undefined;
    connection?.unsubscribe();
    if (creating === entry) creating = undefined;
  }

  function pump(): void {
    while (creating === undefined) {
      const next = queue.shift();
      if (next === undefined) break;
      if (next.listeners.size === 0) {
        remove(next);
        continue;
      }
      creating = next;
      connect(next);
    }
    const infos = [...entries.values()].map((e) => ({
      key: e.key,
      refCount: e.listeners.size,
      inFlight: e.connection !== undefined && IN_FLIGHT.has(e.status),
      lastUsedTick: e.doomed ? -1 : e.lastUsedTick,
    }));
    const doomed = infos.filter(
      (i) => entries.get(i.key)?.doomed && i.refCount === 0 && !i.inFlight,
    );
    const evict = new Set([
      ...doomed.map((i) => i.key),
      ...chooseEvictions(infos, options.maxSessions),
    ]);
    for (const key of evict) {
      const entry = entries.get(key);
      if (entry) remove(entry);
    }
  }

  function connect(entry: Entry): void {
    entry.connection = entry.open(entry.reacquire.asObservable()).subscribe({
      next: (event) => {
        if (event.type === 'state') {
          entry.status = event.status;
          if (creating === entry && !CREATING.has(event.status)) creating = undefined;
        } else if (event.type !== 'renewed') {
          entry.keys = event;
        }
        for (const listener of [...entry.listeners]) listener.next(event);
        if (event.type === 'state') pump();
      },
      error: (error: unknown) => finish(entry, (l) => l.error(error)),
      complete: () => finish(entry, (l) => l.complete()),
    });
  }

  function finish(entry: Entry, notify: (listener: Subscriber<SessionEvent>) => void): void {
    entry.connection = undefined;
    if (entries.get(entry.key) === entry) entries.delete(entry.key);
    if (creating === entry) creating = undefined;
    const listeners = [...entry.listeners];
    entry.listeners.clear();
    for (const listener of listeners) notify(listener);
    pump();
  }

  return {
    acquire(keySystem, keyIds, open, reacquire$) {
      return new Observable<SessionEvent>((subscriber) => {
        const key = sessionCacheKey(keySystem, keyIds);
        let entry = entries.get(key);
        if (entry && entry.listeners.size === 0 && isUnusable(entry)) {
          remove(entry);
          entry = undefined;
        }
        if (entry === undefined) {
          entry = {
            key,
            open,
            reacquire: new Subject<void>(),
            listeners: new Set(),
            connection: undefined,
            status: 'idle',
            keys: undefined,
            lastUsedTick: ++tick,
            doomed: false,
          };
          entries.set(key, entry);
          queue.push(entry);
        } else if (entry.connection !== undefined) {
          subscriber.next({ type: 'state', status: entry.status });
          if (entry.keys) subscriber.next(entry.keys);
        }
        const held = entry;
        held.doomed = false;
        held.listeners.add(subscriber);
        // A sharer's request reaches whichever session the entry holds (none while queued).
        const asks = reacquire$?.subscribe(() => held.reacquire.next());
        pump();
        return () => {
          asks?.unsubscribe();
          held.listeners.delete(subscriber);
          held.lastUsedTick = ++tick;
          pump();
        };
      });
    },
    get size() {
      return entries.size;
    },
    clear() {
      for (const entry of entries.values()) if (entry.listeners.size === 0) entry.doomed = true;
      pump();
    },
  };
}

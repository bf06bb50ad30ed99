import type { CdmMessage, CdmSession, CdmSessionType, InitDataType, KeyStatus } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import {
  asyncScheduler,
  debounceTime,
  distinctUntilChanged,
  map,
  type Observable,
  ReplaySubject,
  type SchedulerLike,
  Subject,
  type Subscription,
  takeUntil,
  timer,
} from 'rxjs';
import { toLegatoError } from '../_internal/to-legato-error.js';
import { toKeyStatusMap } from '../core/key-status-map.js';

/** Options of an {@link EmeSession}. */
export interface EmeSessionOptions {
  /** Scheduler for key-status batching and expiration polling. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** `keystatuseschange` events closer together than this are batched into one emission. @default 10 */
  readonly keyStatusBatchMs?: number;
  /** Period of `expiration$` polling (EME has no event for expiration changes). @default 1000 */
  readonly expirationPollMs?: number;
}

/**
 * A `CdmSession` over one EME `MediaKeySession`. The native session is created lazily on the
 * first `generateRequest`/`load` (after MediaKeys exist), so `createSession` stays synchronous.
 */
export class EmeSession implements CdmSession {
  readonly message$: Observable<CdmMessage>;
  readonly keyStatuses$: Observable<ReadonlyMap<string, KeyStatus>>;
  /** Expiration (epoch ms, NaN = none) polled every `expirationPollMs`, on change; completes on close. */
  readonly expiration$: Observable<number>;
  readonly closed: Promise<void>;

  private native: MediaKeySession | undefined;
  private opening: Promise<MediaKeySession> | undefined;
  private isClosed = false;
  private readonly messages = new Subject<CdmMessage>();
  private readonly statuses = new ReplaySubject<ReadonlyMap<string, KeyStatus>>(1);
  private readonly statusChanges = new Subject<void>();
  private readonly closing = new ReplaySubject<void>(1);
  private lastStatuses: ReadonlyMap<string, KeyStatus> = new Map();
  private readonly subs: Subscription[] = [];
  private resolveClosed!: () => void;
  private readonly onMessage = (e: Event): void => {
    const m = e as MediaKeyMessageEvent;
    this.messages.next({ type: m.messageType, message: new Uint8Array(m.message.slice(0)) });
  };
  private readonly onKeyStatusesChange = (): void => this.statusChanges.next();

  constructor(
    private readonly mediaKeys: () => Promise<MediaKeys>,
    readonly sessionType: CdmSessionType,
    options: EmeSessionOptions = {},
  ) {
    const scheduler = options.scheduler ?? asyncScheduler;
    this.message$ = this.messages.asObservable();
    this.keyStatuses$ = this.statuses.asObservable();
    this.closed = new Promise<void>((resolve) => {
      this.resolveClosed = resolve;
    });
    this.subs.push(
      this.statusChanges
        .pipe(
          debounceTime(options.keyStatusBatchMs ?? 10, scheduler),
          map(() =>
            this.native
              ? toKeyStatusMap(entriesOf(this.native.keyStatuses))
              : new Map<string, KeyStatus>(),
          ),
        )
        .subscribe((statuses) => {
          // EME empties the map on close; legato reports that as `released` in finish().
          if (statuses.size === 0) return;
          this.lastStatuses = statuses;
          this.statuses.next(statuses);
        }),
    );
    const pollMs = options.expirationPollMs ?? 1000;
    this.expiration$ = timer(0, pollMs, scheduler).pipe(
      map(() => this.expiration),
      distinctUntilChanged((a, b) => a === b || (Number.isNaN(a) && Number.isNaN(b))),
      takeUntil(this.closing),
    );
  }

  get sessionId(): string {
    return this.native?.sessionId ?? '';
  }

  /** License expiration as epoch ms (the live `MediaKeySession.expiration`), NaN when none. */
  get expiration(): number {
    const e = this.native?.expiration;
    return e === undefined ? Number.NaN : e;
  }

  async generateRequest(initDataType: InitDataType, initData: Uint8Array): Promise<void> {
    const native = await this.open('generateRequest');
    try {
      await native.generateRequest(initDataType, initData as Uint8Array<ArrayBuffer>);
    } catch (error) {
      throw toLegatoError(error, 'CDM_SESSION_FAILED', `generateRequest('${initDataType}')`);
    }
  }

  async load(sessionId: string): Promise<boolean> {
    const native = await this.open('load');
    try {
      return await native.load(sessionId);
    } catch (error) {
      throw toLegatoError(error, 'CDM_SESSION_FAILED', 'load');
    }
  }

  async update(response: Uint8Array): Promise<void> {
    if (!this.native)
      throw new LegatoError(
        'CDM_SESSION_FAILED',
        'update: expected a session with a request, received one without',
      );
    try {
      await this.native.update(response as Uint8Array<ArrayBuffer>);
    } catch (error) {
      throw toLegatoError(error, 'EME_LICENSE_REJECTED', 'update');
    }
  }

  async remove(): Promise<void> {
    if (!this.native)
      throw new LegatoError(
        'CDM_SESSION_FAILED',
        'remove: expected a loaded session, received one without',
      );
    try {
      await this.native.remove();
    } catch (error) {
      throw toLegatoError(error, 'CDM_SESSION_FAILED', 'remove');
    }
  }

  async close(): Promise<void> {
    if (this.isClosed) return this.closed;
    const native = this.native ?? (await this.opening?.catch(() => undefined));
    if (native) {
      try {
        await native.close();
      } catch {
        // Already closed by the CDM: nothing left to release.
      }
    }
    this.finish();
    return this.closed;
  }

  private async open(op: string): Promise<MediaKeySession> {
    if (this.isClosed)
      throw new LegatoError(
        'CDM_SESSION_FAILED',
        `${op}: expected an open session, received a closed one`,
      );
    if (this.native || this.opening) {
      throw new LegatoError(
        'CDM_SESSION_FAILED',
        `${op}: expected a new session, received one that already has a request`,
      );
    }
    this.opening = (async () => {
      let native: MediaKeySession;
      try {
        native = (await this.mediaKeys()).createSession(this.sessionType);
      } catch (error) {
        throw toLegatoError(
          error,
          'CDM_SESSION_FAILED',
          `createSession('${this.sessionType}')`,
          true,
        );
      }
      native.addEventListener('message', this.onMessage);
      native.addEventListener('keystatuseschange', this.onKeyStatusesChange);
      native.closed.then(
        () => this.finish(),
        () => this.finish(),
      );
      this.native = native;
      return native;
    })();
    return this.opening;
  }

  private finish(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.native) {
      this.native.removeEventListener('message', this.onMessage);
      this.native.removeEventListener('keystatuseschange', this.onKeyStatusesChange);
    }
    // Flush a pending batch, then report every known key as released (EME clears the map on close).
    this.statusChanges.complete();
    if (this.lastStatuses.size > 0) {
      this.statuses.next(
        new Map([...this.lastStatuses.keys()].map((kid) => [kid, 'released' as const])),
      );
    }
    this.messages.complete();
    this.closing.next();
    this.closing.complete();
    for (const s of this.subs) s.unsubscribe();
    this.statuses.complete();
    this.resolveClosed();
  }
}

function entriesOf(statuses: MediaKeyStatusMap): Iterable<readonly [BufferSource, string]> {
  const out: [BufferSource, string][] = [];
  statuses.forEach((status, keyId) => {
    out.push([keyId, status]);
  });
  return out;
}

import { LegatoError } from '@legato/errors';
import {
  asyncScheduler,
  defer,
  from,
  Observable,
  type SchedulerLike,
  Subscription,
  switchMap,
  take,
} from 'rxjs';
import { toLegatoError } from '../_internal/to-legato-error.js';
import type {
  CdmPort,
  CdmSession,
  CdmSessionType,
  KeyStatus,
  ProvisioningRequest,
} from '../cdm-port.js';
import {
  type InitData,
  type LicenseTrack,
  selectInitData,
  WIDEVINE_KEY_SYSTEM,
} from '../core/init-data.js';
import { normalizeKeyIds } from '../core/key-ids.js';
import type { LicensePolicy } from '../core/license-policy.js';
import { initialSessionState, sessionReducer } from '../core/session-reducer.js';
import type {
  SessionConfig,
  SessionEffect,
  SessionEvent,
  SessionInput,
  SessionOperation,
  SessionTimer,
} from '../core/session-state.js';
import { TERMINAL_STATUSES } from '../core/session-state.js';
import type { LicenseTransport } from './license-transport.js';
import type { SessionCache } from './session-cache.js';

/** Options of {@link licenseSession$}. */
export interface LicenseSessionOptions {
  /** The CDM to drive (EME adapter, software ClearKey, device binding). */
  readonly cdm: CdmPort;
  /** Delivers license requests (and renewals, unless `renewalTransport` is given). */
  readonly transport: LicenseTransport;
  /** Delivers renewals. @default transport */
  readonly renewalTransport?: LicenseTransport;
  /** Delivers a device CDM's provisioning request; needed only when the CDM is unprovisioned. */
  readonly provisioningTransport?: (request: ProvisioningRequest) => Observable<Uint8Array>;
  /** The media's `encrypted` events, used when the track carries no init data. */
  readonly encrypted$?: Observable<InitData>;
  /** The license policy when known (`toLicensePolicy(template)`). @default undefined */
  readonly policy?: LicensePolicy;
  /** CDM session type. @default 'temporary' */
  readonly sessionType?: CdmSessionType;
  /** On teardown, `remove()` a persistent license before closing. @default false */
  readonly removeOnClose?: boolean;
  /** CDM sessions to try when `generateRequest` fails (each on a new session). @default 3 */
  readonly maxGenerateAttempts?: number;
  /** Renew this long before expiry when the policy gives no renewal delay, seconds. @default 30 */
  readonly renewalLeadS?: number;
  /** Wait between failed renewals when the policy gives none, seconds. @default 10 */
  readonly renewalRetryIntervalS?: number;
  /**
   * Who starts renewals: `cdm` waits for the CDM's `license-renewal` message; `request-again`
   * re-sends the stored license request when renewal is due.
   * @default 'cdm' for `com.widevine.alpha`, else 'request-again'
   */
  readonly renewal?: 'cdm' | 'request-again';
  /** Clock and timers; `now()` must be the CDM's clock (epoch ms). @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /**
   * Share sessions by key system + key ids (`createSessionCache`); tracks without key ids
   * bypass it. @default undefined (one session per subscription)
   */
  readonly cache?: SessionCache;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/**
 * The license session of one track: a cold stream that opens a CDM session, requests the
 * license through `transport`, installs it, keeps it renewed and closes the session on
 * unsubscribe (exactly once). It emits {@link SessionEvent}s and errors with a
 * `LegatoError` when the session fails; it completes after `expired`.
 *
 * @example
 * ```ts
 * licenseSession$({ keyIds: [defaultKid] }, { cdm, transport }).subscribe((event) => {
 *   if (event.type === 'usable') releaseEncryptedAppends();
 * });
 * ```
 */
export function licenseSession$(
  track: LicenseTrack,
  options: LicenseSessionOptions,
): Observable<SessionEvent> {
  const { cache, ...uncached } = options;
  if (cache && track.keyIds.length > 0) {
    return cache.acquire(options.cdm.keySystem, track.keyIds, () =>
      licenseSession$(track, uncached),
    );
  }
  return new Observable<SessionEvent>((subscriber) => {
    const { cdm } = options;
    const scheduler = options.scheduler ?? asyncScheduler;
    const initData = selectInitData(track, cdm.keySystem);
    if (initData === undefined && options.encrypted$ === undefined) {
      subscriber.error(
        new LegatoError(
          'INVALID_ARGUMENT',
          'licenseSession$: expected track init data (pssh or keyIds) or options.encrypted$, received neither',
        ),
      );
      return undefined;
    }
    const config: SessionConfig = {
      keyIds: normalizeKeyIds(track.keyIds),
      policy: options.policy,
      maxGenerateAttempts: Math.max(1, options.maxGenerateAttempts ?? 3),
      renewalLeadMs: (options.renewalLeadS ?? 30) * 1000,
      renewalRetryIntervalMs: (options.renewalRetryIntervalS ?? 10) * 1000,
      renewal: options.renewal ?? (cdm.keySystem === WIDEVINE_KEY_SYSTEM ? 'cdm' : 'request-again'),
    };
    let state = initialSessionState(config);
    let session: CdmSession | undefined;
    let sessionSubs = new Subscription();
    const work = new Subscription();
    let inflight: Subscription | undefined;
    const timers = new Map<SessionTimer, Subscription>();
    const queue: SessionInput[] = [];
    let dispatching = false;

    const failed = (operation: SessionOperation, error: LegatoError<string>): SessionInput => ({
      type: 'failed',
      operation,
      error,
      nowMs: scheduler.now(),
    });

    function dispatch(input: SessionInput): void {
      queue.push(input);
      if (dispatching) return;
      dispatching = true;
      try {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const step = sessionReducer(state, next);
          state = step.state;
          for (const effect of step.effects) run(effect);
        }
      } finally {
        dispatching = false;
      }
      if (state.status === 'failed') subscriber.error(state.error);
      else if (TERMINAL_STATUSES.has(state.status)) subscriber.complete();
    }

    /** Runs one async step; at most one is in flight (the reducer never asks for two). */
    function track$<T>(
      source: Observable<T>,
      onValue: (value: T) => SessionInput,
      onError: (e: unknown) => SessionInput,
      onEmpty?: () => SessionInput,
    ): void {
      inflight?.unsubscribe();
      let got = false;
      const sub = source.pipe(take(1)).subscribe({
        next: (value) => {
          got = true;
          dispatch(onValue(value));
        },
        error: (error: unknown) => dispatch(onError(error)),
        complete: () => {
          if (!got && onEmpty) dispatch(onEmpty());
        },
      });
      inflight = sub;
      work.add(sub);
    }

    function openSession(): void {
      let created: CdmSession;
      try {
        created = cdm.createSession(options.sessionType ?? 'temporary');
      } catch (error) {
        dispatch(
          failed(
            'create',
            toLegatoError(error, 'CDM_SESSION_FAILED', 'createSession failed', true),
          ),
        );
        return;
      }
      session = created;
      const subs = new Subscription();
      sessionSubs = subs;
      subs.add(
        created.message$.subscribe((m) =>
          dispatch({ type: 'message', messageType: m.type, message: m.message }),
        ),
      );
      subs.add(
        created.keyStatuses$.subscribe((statuses) => {
          const normalized = new Map<string, KeyStatus>();
          for (const [kid, status] of statuses)
            normalized.set(kid.replace(/-/g, '').toLowerCase(), status);
          dispatch({ type: 'key-statuses', statuses: normalized });
        }),
      );
      created.closed.then(
        () => {
          if (session !== created) return;
          // Closed by the CDM itself: nothing left for us to close.
          session = undefined;
          subs.unsubscribe();
          dispatch({ type: 'cdm-closed' });
        },
        () => undefined,
      );
      dispatch({ type: 'session-created' });
    }

    function closeSession(): void {
      const closing = session;
      session = undefined;
      sessionSubs.unsubscribe();
      if (closing === undefined) return;
      const remove = options.removeOnClose === true && options.sessionType === 'persistent-license';
      const ignore = () => undefined;
      // `then(_, onError)`, not `catch`: a CDM port may hand back any thenable.
      if (remove) {
        Promise.resolve()
          .then(() => closing.remove())
          .then(
            () => closing.close(),
            () => closing.close(),
          )
          .then(ignore, ignore);
      } else {
        try {
          closing.close().then(ignore, ignore);
        } catch {
          // A CDM that throws from close() has nothing left to close.
        }
      }
    }

    function run(effect: SessionEffect): void {
      switch (effect.type) {
        case 'emit':
          subscriber.next(effect.event);
          return;
        case 'provision': {
          const { provisioningTransport } = options;
          if (
            !cdm.getProvisioningRequest ||
            !cdm.handleProvisioningResponse ||
            !provisioningTransport
          ) {
            dispatch(
              failed(
                'provision',
                new LegatoError(
                  'CDM_PROVISIONING_FAILED',
                  'provisioning: expected cdm.getProvisioningRequest/handleProvisioningResponse and options.provisioningTransport, received an incomplete set',
                  { retryable: false },
                ),
              ),
            );
            return;
          }
          track$(
            defer(() => cdm.getProvisioningRequest!()).pipe(
              switchMap((request) => provisioningTransport(request)),
              switchMap((response) => defer(() => cdm.handleProvisioningResponse!(response))),
            ),
            () => ({ type: 'provisioned' }),
            (e) =>
              failed(
                'provision',
                toLegatoError(e, 'CDM_PROVISIONING_FAILED', 'provisioning failed', true),
              ),
          );
          return;
        }
        case 'await-init-data':
          if (options.encrypted$)
            track$(
              options.encrypted$,
              (data) => ({ type: 'init-data', initData: data }),
              (e) => failed('create', toLegatoError(e, 'CDM_SESSION_FAILED', 'encrypted$ failed')),
            );
          return;
        case 'create-session':
          openSession();
          return;
        case 'generate-request': {
          const target = session;
          if (!target) return;
          track$(
            defer(() =>
              target.generateRequest(effect.initData.initDataType, effect.initData.initData),
            ).pipe(),
            () => ({ type: 'request-generated' }),
            (e) =>
              failed(
                'generate-request',
                toLegatoError(e, 'CDM_SESSION_FAILED', 'generateRequest failed', true),
              ),
            () => ({ type: 'request-generated' }),
          );
          return;
        }
        case 'close-session':
          closeSession();
          return;
        case 'send': {
          const renewal = effect.kind === 'license-renewal';
          const transport = (renewal ? options.renewalTransport : undefined) ?? options.transport;
          const url = renewal ? options.policy?.renewalServerUrl : undefined;
          track$(
            defer(() =>
              transport(effect.message, url ? { kind: effect.kind, url } : { kind: effect.kind }),
            ),
            (response) => ({ type: 'license-received', response }),
            (e) =>
              failed(
                'license',
                toLegatoError(e, 'LICENSE_NETWORK', 'license transport failed', true),
              ),
            () =>
              failed(
                'license',
                new LegatoError(
                  'LICENSE_RESPONSE_INVALID',
                  'license transport: expected one response, received none',
                ),
              ),
          );
          return;
        }
        case 'update': {
          const target = session;
          if (!target) return;
          const updated = (): SessionInput => ({
            type: 'updated',
            nowMs: scheduler.now(),
            cdmExpirationMs: target.expiration,
          });
          track$(
            defer(() => target.update(effect.response)),
            updated,
            (e) =>
              failed(
                'update',
                toLegatoError(e, 'CDM_SESSION_FAILED', 'update rejected the license'),
              ),
            updated,
          );
          return;
        }
        case 'set-timer': {
          timers.get(effect.name)?.unsubscribe();
          const name = effect.name;
          const delayMs = Math.max(0, effect.atMs - scheduler.now());
          const timer = scheduler.schedule(
            () => dispatch({ type: 'timer', name, nowMs: scheduler.now() }),
            delayMs,
          );
          timers.set(name, timer);
          work.add(timer);
          return;
        }
        case 'clear-timer':
          timers.get(effect.name)?.unsubscribe();
          timers.delete(effect.name);
          return;
      }
    }

    const start = (provisioned: boolean) => dispatch({ type: 'start', provisioned, initData });
    const provisioned = cdm.isProvisioned?.() ?? true;
    if (isThenable(provisioned)) {
      work.add(
        from(provisioned).subscribe({
          next: (value) => start(value === true),
          error: (e: unknown) =>
            subscriber.error(
              toLegatoError(e, 'CDM_PROVISIONING_FAILED', 'isProvisioned failed', true),
            ),
        }),
      );
    } else {
      start(provisioned);
    }

    return () => {
      dispatch({ type: 'close' });
      closeSession();
      work.unsubscribe();
    };
  });
}

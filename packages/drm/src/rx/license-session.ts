import { LegatoError } from '@legato/errors';
import { asyncScheduler, defer, from, Observable, Subscription, take } from 'rxjs';
import { type CdmSessionLink, linkCdmSession } from '../_internal/link-cdm-session.js';
import { provision$ } from '../_internal/provision.js';
import { releasePersistentLicense } from '../_internal/release-license.js';
import { toLegatoError } from '../_internal/to-legato-error.js';
import { type LicenseTrack, selectInitData, WIDEVINE_KEY_SYSTEM } from '../core/init-data.js';
import { normalizeKeyIds } from '../core/key-ids.js';
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
import type { LicenseSessionOptions } from './license-session-options.js';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/**
 * The license session of one track: a cold stream that opens a CDM session, requests the
 * license through `transport`, installs it, keeps it renewed and closes the session on
 * unsubscribe (exactly once). It emits {@link SessionEvent}s and errors with a
 * `LegatoError` when the session fails. A key that expires (renewals failed, or the CDM
 * expired it) is re-acquired on a new CDM session (`keys-unusable`, `reacquiring`, then
 * `usable` again) or the stream errors with `CDM_KEY_EXPIRED` at the recovery deadline: expiry
 * + `renewal_recovery_duration_seconds`, or + `recoveryWindowS` without one.
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
    const { reacquire$, ...unshared } = uncached;
    return cache.acquire(
      options.cdm.keySystem,
      track.keyIds,
      (shared$) => licenseSession$(track, { ...unshared, reacquire$: shared$ }),
      reacquire$,
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
      recoveryWindowMs: (options.recoveryWindowS ?? 30) * 1000,
      renewal: options.renewal ?? (cdm.keySystem === WIDEVINE_KEY_SYSTEM ? 'cdm' : 'request-again'),
    };
    let state = initialSessionState(config);
    let link: CdmSessionLink | undefined;
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
      if (state.status === 'failed' || state.status === 'expired') subscriber.error(state.error);
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
      closeSession(); // a re-acquisition asked for while a session was still being created
      try {
        link = linkCdmSession(cdm.createSession(options.sessionType ?? 'temporary'), dispatch, () =>
          scheduler.now(),
        );
      } catch (error) {
        dispatch(
          failed(
            'create',
            toLegatoError(error, 'CDM_SESSION_FAILED', 'createSession failed', true),
          ),
        );
        return;
      }
      dispatch({ type: 'session-created' });
    }

    function closeSession(): void {
      const closing = link;
      link = undefined;
      if (options.removeOnClose !== true || options.sessionType !== 'persistent-license') {
        closing?.close();
        return;
      }
      closing?.close((session) =>
        releasePersistentLicense(session, {
          transport: options.releaseTransport ?? options.transport,
          scheduler,
          timeoutMs: options.releaseTimeoutMs ?? 15_000,
          onRelease: options.onRelease,
        }),
      );
    }

    function run(effect: SessionEffect): void {
      switch (effect.type) {
        case 'emit':
          subscriber.next(effect.event);
          return;
        case 'provision':
          track$(
            provision$(cdm, options.provisioningTransport),
            () => ({ type: 'provisioned' }),
            (e) =>
              failed(
                'provision',
                toLegatoError(e, 'CDM_PROVISIONING_FAILED', 'provisioning failed', true),
              ),
          );
          return;
        case 'await-init-data':
          if (options.encrypted$)
            track$(
              options.encrypted$,
              (data) => ({ type: 'init-data', initData: data }),
              (e) => failed('create', toLegatoError(e, 'CDM_SESSION_FAILED', 'encrypted$ failed')),
              () =>
                failed(
                  'create',
                  new LegatoError(
                    'INVALID_ARGUMENT',
                    'encrypted$: expected init data, received completion without any',
                  ),
                ),
            );
          return;
        case 'create-session':
          openSession();
          return;
        case 'generate-request': {
          const target = link?.session;
          if (!target) return;
          track$(
            defer(() =>
              target.generateRequest(effect.initData.initDataType, effect.initData.initData),
            ),
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
          const target = link?.session;
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
    if (options.reacquire$ && !subscriber.closed) {
      work.add(
        options.reacquire$.subscribe(() => dispatch({ type: 'reacquire', nowMs: scheduler.now() })),
      );
    }

    return () => {
      dispatch({ type: 'close' });
      closeSession();
      work.unsubscribe();
    };
  });
}

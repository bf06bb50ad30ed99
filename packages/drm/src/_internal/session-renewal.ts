import { LegatoError } from '@legato/errors';
import { assessKeys } from '../core/assess-keys.js';
import { planLicenseTimers } from '../core/plan-license-timers.js';
import type {
  SessionContext,
  SessionEffect,
  SessionState,
  SessionStep,
} from '../core/session-state.js';
import { giveUp, recoveryFailed, retryReacquire, startReacquire } from './session-recovery.js';
import { fail, go, retryIntervalMs, stay } from './session-steps.js';

// Licence installation, renewal and expiry steps of the session reducer.

const INFINITY = Number.POSITIVE_INFINITY;

/** usable/output-restricted → renewing: send `message`; renewing lasts until the expiry. */
export function startRenewal(from: SessionState, message: Uint8Array): SessionStep {
  const deadlineMs = from.ctx.expiresAtMs;
  const ctx = { ...from.ctx, renewAtMs: INFINITY };
  return go(from, { status: 'renewing', ctx, phase: 'requesting', deadlineMs, message }, [
    { type: 'clear-timer', name: 'renewal' },
    { type: 'send', kind: 'license-renewal', message },
  ]);
}

/**
 * A failed renewal: a retryable one is retried every retry interval while that is before the
 * expiry; a refused one (401/403) is not repeated. Either way the expiry timer then starts
 * re-acquisition (a refusal there is fatal at once).
 */
export function renewalFailed(
  from: Extract<SessionState, { status: 'renewing' }>,
  error: LegatoError<string>,
  nowMs: number,
): SessionStep {
  const ctx = { ...from.ctx, lastError: error };
  const waiting = { ...from, ctx, phase: 'waiting' as const };
  if (from.deadlineMs <= nowMs) return startReacquire(waiting, 'expired', nowMs);
  const retryAtMs = nowMs + retryIntervalMs(ctx);
  const retry = error.retryable && retryAtMs < from.deadlineMs;
  return {
    state: waiting,
    effects: retry ? [{ type: 'set-timer', name: 'renewal', atMs: retryAtMs }] : [],
  };
}

/** `update()` resolved: plan renewal and expiry, then place the session by its key statuses. */
export function installed(from: SessionState, nowMs: number, cdmExpirationMs: number): SessionStep {
  const { config } = from.ctx;
  const timers = planLicenseTimers({
    nowMs,
    cdmExpirationMs,
    policy: config.policy,
    renewalLeadMs: config.renewalLeadMs,
  });
  // A renewal that did not extend the license is not repeated (no ever-closer renewals).
  const extended = from.status !== 'renewing' || timers.expiresAtMs > from.ctx.expiresAtMs;
  const renewAtMs =
    config.renewal === 'request-again' && extended ? Math.ceil(timers.renewAtMs) : INFINITY;
  const ctx: SessionContext = { ...from.ctx, expiresAtMs: timers.expiresAtMs, renewAtMs };
  // A license that is over on arrival is no license (else expiry → re-acquire would spin).
  if (timers.expiresAtMs <= nowMs) return expiredOnArrival({ ...from, ctx } as SessionState, nowMs);
  const step = settle(from, ctx, [], from.status === 'renewing', nowMs);
  // While still re-acquiring (keys not usable yet), the recovery deadline stays armed.
  const expiryAtMs = Math.min(timers.expiresAtMs, step.state.ctx.recoverByMs);
  const effects: SessionEffect[] = [
    renewAtMs < INFINITY
      ? { type: 'set-timer', name: 'renewal', atMs: renewAtMs }
      : { type: 'clear-timer', name: 'renewal' },
    expiryAtMs < INFINITY
      ? { type: 'set-timer', name: 'expiry', atMs: expiryAtMs }
      : { type: 'clear-timer', name: 'expiry' },
  ];
  return { state: step.state, effects: [...effects, ...step.effects] };
}

/**
 * Places the session after its keys changed or a license was installed. Usable keys end a
 * re-acquisition (the recovery deadline is lifted).
 */
export function settle(
  from: SessionState,
  licensed: SessionContext,
  effects: SessionEffect[],
  renewed: boolean,
  nowMs: number,
): SessionStep {
  const { verdict, keyIds } = assessKeys(licensed.config.keyIds, licensed.keyStatuses);
  const ctx =
    verdict === 'usable' && licensed.recoverByMs < INFINITY
      ? { ...licensed, recoverByMs: INFINITY, lastError: undefined }
      : licensed;
  switch (verdict) {
    case 'usable': {
      if (from.status === 'usable' && !renewed)
        return { state: { status: 'usable', ctx }, effects };
      const event = renewed
        ? ({ type: 'renewed', expiresAtMs: ctx.expiresAtMs } as const)
        : ({ type: 'usable', keyIds, expiresAtMs: ctx.expiresAtMs } as const);
      return go(from, { status: 'usable', ctx }, [...effects, { type: 'emit', event }]);
    }
    case 'output-restricted': {
      if (from.status === 'output-restricted')
        return { state: { status: 'output-restricted', ctx }, effects };
      return go(from, { status: 'output-restricted', ctx }, [
        ...effects,
        { type: 'emit', event: { type: 'keys-unusable', reason: 'output-restricted', keyIds } },
      ]);
    }
    case 'internal-error':
      return fail(
        { ...from, ctx } as SessionState,
        new LegatoError(
          'CDM_INTERNAL_ERROR',
          `the CDM reported internal-error for key ${keyIds.join(', ')}`,
          { details: { keyIds } },
        ),
        [
          ...effects,
          { type: 'emit', event: { type: 'keys-unusable', reason: 'internal-error', keyIds } },
        ],
      );
    case 'expired':
      return expiredOnArrival({ ...from, ctx } as SessionState, nowMs, effects);
    default:
      return { state: { status: 'updating', ctx, updated: true }, effects };
  }
}

/**
 * The key is expired: re-acquire; while already re-acquiring, the new license counts as one
 * more failed attempt (retried after the interval, within the same deadline).
 */
function expiredOnArrival(
  at: SessionState,
  nowMs: number,
  effects: SessionEffect[] = [],
): SessionStep {
  const { ctx } = at;
  const step =
    ctx.recoverByMs === INFINITY
      ? startReacquire(at, 'expired', nowMs)
      : recoveryFailed(
          at,
          new LegatoError(
            'CDM_KEY_EXPIRED',
            `license: expected a license for ${ctx.config.keyIds.join(', ')} that is not expired, received one that is`,
            { retryable: true, details: { keyIds: ctx.config.keyIds } },
          ),
          nowMs,
        );
  return { state: step.state, effects: [...effects, ...step.effects] };
}

/** A renewal or expiry timer fired. */
export function onTimer(
  state: SessionState,
  name: 'renewal' | 'expiry',
  nowMs: number,
): SessionStep {
  const { ctx } = state;
  if (name === 'expiry') {
    if (ctx.recoverByMs < INFINITY) {
      if (nowMs < ctx.recoverByMs)
        return { state, effects: [{ type: 'set-timer', name: 'expiry', atMs: ctx.recoverByMs }] };
      return giveUp(state);
    }
    const deadlineMs = state.status === 'renewing' ? state.deadlineMs : ctx.expiresAtMs;
    const licensed =
      state.status === 'usable' ||
      state.status === 'output-restricted' ||
      state.status === 'renewing' ||
      (state.status === 'updating' && state.updated);
    if (!licensed) return stay(state);
    if (nowMs < deadlineMs)
      return { state, effects: [{ type: 'set-timer', name: 'expiry', atMs: deadlineMs }] };
    return startReacquire(state, 'expired', nowMs);
  }
  if (state.status === 'reacquiring') return retryReacquire(state);
  if (state.status === 'usable' || state.status === 'output-restricted') {
    return ctx.lastChallenge === undefined ? stay(state) : startRenewal(state, ctx.lastChallenge);
  }
  if (state.status === 'renewing' && state.phase === 'waiting') {
    return {
      state: { ...state, phase: 'requesting' },
      effects: [{ type: 'send', kind: 'license-renewal', message: state.message }],
    };
  }
  return stay(state);
}

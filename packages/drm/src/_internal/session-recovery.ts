import { LegatoError } from '@legato/errors';
import { assessKeys } from '../core/assess-keys.js';
import { recoveryWindowMs } from '../core/plan-license-timers.js';
import type {
  SessionContext,
  SessionEffect,
  SessionState,
  SessionStatus,
  SessionStep,
} from '../core/session-state.js';
import { fail, go, retryIntervalMs, stay, teardown } from './session-steps.js';

// Re-acquisition steps of the session reducer: after the key expired (or when asked), a new
// CDM session and a new license request, retried until the recovery deadline, then a typed
// fatal (`CDM_KEY_EXPIRED`). Every path out of an expired key ends in one or the other by
// `ctx.recoverByMs`, which is finite and never extended once set.

const INFINITY = Number.POSITIVE_INFINITY;

/** Statuses from which `reacquire` starts over on a new CDM session. */
const REACQUIRABLE: ReadonlySet<SessionStatus> = new Set([
  'creating',
  'generating-request',
  'requesting-license',
  'updating',
  'usable',
  'output-restricted',
  'renewing',
  'reacquiring',
]);

/** Whether `state` may start re-acquisition (it has init data and is not terminal). */
export function canReacquire(state: SessionState): boolean {
  return REACQUIRABLE.has(state.status) && state.ctx.initData !== undefined;
}

/**
 * Drops the current CDM session and license and starts a new one. The recovery deadline is
 * now (when the session learns the key expired: the expiry timer, the CDM's key status, a
 * license that came expired) + the recovery window, or the deadline already running (never
 * extended).
 */
export function startReacquire(
  from: SessionState,
  reason: 'expired' | 'requested',
  nowMs: number,
): SessionStep {
  const { ctx } = from;
  if (!canReacquire(from)) return stay(from);
  const recoverByMs =
    ctx.recoverByMs < INFINITY
      ? ctx.recoverByMs
      : nowMs + recoveryWindowMs(ctx.config.policy, ctx.config.recoveryWindowMs);
  const keyIds = assessKeys(ctx.config.keyIds, ctx.keyStatuses).keyIds;
  const next: SessionContext = {
    ...ctx,
    hasSession: false,
    generateAttempts: 0,
    keyStatuses: new Map(),
    lastChallenge: undefined,
    expiresAtMs: INFINITY,
    renewAtMs: INFINITY,
    recoverByMs,
  };
  const effects: SessionEffect[] = [];
  if (reason === 'expired')
    effects.push({ type: 'emit', event: { type: 'keys-unusable', reason: 'expired', keyIds } });
  effects.push(
    { type: 'emit', event: { type: 'reacquiring', reason, deadlineMs: recoverByMs, keyIds } },
    { type: 'clear-timer', name: 'renewal' },
    { type: 'set-timer', name: 'expiry', atMs: recoverByMs },
  );
  if (ctx.hasSession) effects.push({ type: 'close-session' });
  effects.push({ type: 'create-session' });
  return go(from, { status: 'creating', ctx: next }, effects);
}

/**
 * A license request (or its installation) failed while re-acquiring: a refusal is fatal at
 * once; a retryable failure is retried after the retry interval while that is before the
 * deadline, else the session waits for the deadline (then {@link giveUp}).
 */
export function recoveryFailed(
  from: SessionState,
  error: LegatoError<string>,
  nowMs: number,
): SessionStep {
  if (!error.retryable) return fail(from, error);
  const ctx = { ...from.ctx, lastError: error };
  const retryAtMs = nowMs + retryIntervalMs(ctx);
  const effects: SessionEffect[] = [
    retryAtMs < ctx.recoverByMs
      ? { type: 'set-timer', name: 'renewal', atMs: retryAtMs }
      : { type: 'clear-timer', name: 'renewal' },
  ];
  return go(from, { status: 'reacquiring', ctx }, effects);
}

/** The retry timer fired while `reacquiring`: send the stored license request again. */
export function retryReacquire(state: SessionState): SessionStep {
  const challenge = state.ctx.lastChallenge;
  if (state.status !== 'reacquiring' || challenge === undefined) return stay(state);
  return go(state, { status: 'requesting-license', ctx: state.ctx }, [
    { type: 'send', kind: 'license-request', message: challenge },
  ]);
}

/** The recovery deadline passed without a usable key: `expired`, erroring `CDM_KEY_EXPIRED`. */
export function giveUp(from: SessionState): SessionStep {
  const { ctx } = from;
  const last = ctx.lastError;
  const keyIds = ctx.config.keyIds;
  const error = new LegatoError(
    'CDM_KEY_EXPIRED',
    `license: expected a usable key for ${keyIds.join(', ') || 'the track'} by the recovery deadline (${ctx.recoverByMs} ms), received none${last ? `; last failure: ${last.code}` : ''}`,
    {
      ...(last ? { cause: last } : {}),
      details: { keyIds, recoverByMs: ctx.recoverByMs, ...(last ? { lastCode: last.code } : {}) },
    },
  );
  return go(from, { status: 'expired', ctx: { ...ctx, hasSession: false }, error }, teardown(ctx));
}

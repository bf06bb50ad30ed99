import type { LegatoError } from '@legato/errors';
import { assessKeys } from '../core/assess-keys.js';
import { planLicenseTimers, recoveryDeadlineMs } from '../core/plan-license-timers.js';
import type { SessionEffect, SessionState, SessionStep } from '../core/session-state.js';
import { expire, go, settle, stay } from './session-steps.js';

// Licence installation, renewal and expiry steps of the session reducer.

const INFINITY = Number.POSITIVE_INFINITY;

/** usable/output-restricted → renewing: send `message`, expiry moves to the recovery deadline. */
export function startRenewal(from: SessionState, message: Uint8Array): SessionStep {
  const deadlineMs = recoveryDeadlineMs(from.ctx.expiresAtMs, from.ctx.config.policy);
  const ctx = { ...from.ctx, renewAtMs: INFINITY };
  return go(from, { status: 'renewing', ctx, phase: 'requesting', deadlineMs, message }, [
    { type: 'clear-timer', name: 'renewal' },
    deadlineMs < INFINITY
      ? { type: 'set-timer', name: 'expiry', atMs: deadlineMs }
      : { type: 'clear-timer', name: 'expiry' },
    { type: 'send', kind: 'license-renewal', message },
  ]);
}

/** A failed renewal: retry within the recovery window (server trouble) or run out (refused). */
export function renewalFailed(
  from: Extract<SessionState, { status: 'renewing' }>,
  error: LegatoError<string>,
  nowMs: number,
): SessionStep {
  const { config } = from.ctx;
  const policyRetryS = config.policy?.renewalRetryIntervalS ?? 0;
  const retryMs = policyRetryS > 0 ? policyRetryS * 1000 : config.renewalRetryIntervalMs;
  if (error.retryable) {
    // A server problem: retry while the recovery window lasts; the expiry timer ends it.
    const retry = nowMs + retryMs < from.deadlineMs;
    return {
      state: { ...from, phase: 'waiting' },
      effects: retry ? [{ type: 'set-timer', name: 'renewal', atMs: nowMs + retryMs }] : [],
    };
  }
  // Not entitled any more: no recovery window, the license runs out at its own expiry.
  const deadlineMs = Math.min(from.deadlineMs, from.ctx.expiresAtMs);
  if (deadlineMs <= nowMs)
    return expire(from, assessKeys(config.keyIds, from.ctx.keyStatuses).keyIds);
  return {
    state: { ...from, phase: 'waiting', deadlineMs },
    effects: [{ type: 'set-timer', name: 'expiry', atMs: deadlineMs }],
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
  const ctx = { ...from.ctx, expiresAtMs: timers.expiresAtMs, renewAtMs };
  const effects: SessionEffect[] = [
    renewAtMs < INFINITY
      ? { type: 'set-timer', name: 'renewal', atMs: renewAtMs }
      : { type: 'clear-timer', name: 'renewal' },
    timers.expiresAtMs < INFINITY
      ? { type: 'set-timer', name: 'expiry', atMs: timers.expiresAtMs }
      : { type: 'clear-timer', name: 'expiry' },
  ];
  return settle(from, ctx, effects, from.status === 'renewing');
}

/** A renewal or expiry timer fired. */
export function onTimer(
  state: SessionState,
  name: 'renewal' | 'expiry',
  nowMs: number,
): SessionStep {
  const { ctx } = state;
  const keyIds = assessKeys(ctx.config.keyIds, ctx.keyStatuses).keyIds;
  if (name === 'expiry') {
    if (state.status === 'renewing') {
      if (nowMs < state.deadlineMs)
        return { state, effects: [{ type: 'set-timer', name: 'expiry', atMs: state.deadlineMs }] };
      return expire(state, keyIds);
    }
    const licensed =
      state.status === 'usable' ||
      state.status === 'output-restricted' ||
      (state.status === 'updating' && state.updated);
    if (!licensed) return stay(state);
    if (nowMs < ctx.expiresAtMs)
      return { state, effects: [{ type: 'set-timer', name: 'expiry', atMs: ctx.expiresAtMs }] };
    return expire(state, keyIds);
  }
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

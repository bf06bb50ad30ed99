import type { LegatoError } from '@legato/errors';
import type {
  SessionContext,
  SessionEffect,
  SessionState,
  SessionStep,
} from '../core/session-state.js';

// Transition primitives shared by the session reducer and its renewal / recovery logic.

/** Moves to `next`, announcing a status change before the other effects. */
export function go(
  from: SessionState,
  next: SessionState,
  effects: SessionEffect[] = [],
): SessionStep {
  if (next.status === from.status) return { state: next, effects };
  return {
    state: next,
    effects: [{ type: 'emit', event: { type: 'state', status: next.status } }, ...effects],
  };
}

export const stay = (state: SessionState): SessionStep => ({ state, effects: [] });

/** Effects that stop timers and close the CDM session (once). */
export function teardown(ctx: SessionContext): SessionEffect[] {
  const effects: SessionEffect[] = [
    { type: 'clear-timer', name: 'renewal' },
    { type: 'clear-timer', name: 'expiry' },
  ];
  if (ctx.hasSession) effects.push({ type: 'close-session' });
  return effects;
}

export function fail(
  from: SessionState,
  error: LegatoError<string>,
  before: SessionEffect[] = [],
): SessionStep {
  const ctx = { ...from.ctx, hasSession: false };
  return go(from, { status: 'failed', ctx, error }, [...before, ...teardown(from.ctx)]);
}

/** The wait before the next renewal or license attempt after a failed one, ms. */
export function retryIntervalMs(ctx: SessionContext): number {
  const policyRetryS = ctx.config.policy?.renewalRetryIntervalS ?? 0;
  return policyRetryS > 0 ? policyRetryS * 1000 : ctx.config.renewalRetryIntervalMs;
}

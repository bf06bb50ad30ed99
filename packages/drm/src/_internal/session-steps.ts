import { LegatoError } from '@legato/errors';
import { assessKeys } from '../core/assess-keys.js';
import type {
  SessionContext,
  SessionEffect,
  SessionState,
  SessionStep,
} from '../core/session-state.js';

// Transition primitives shared by the session reducer and its renewal logic.

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

export function expire(from: SessionState, keyIds: readonly string[]): SessionStep {
  const ctx = { ...from.ctx, hasSession: false };
  return go(from, { status: 'expired', ctx }, [
    { type: 'emit', event: { type: 'keys-unusable', reason: 'expired', keyIds } },
    ...teardown(from.ctx),
  ]);
}

/** Places the session after its keys changed or a license was installed. */
export function settle(
  from: SessionState,
  ctx: SessionContext,
  effects: SessionEffect[],
  renewed: boolean,
): SessionStep {
  const { verdict, keyIds } = assessKeys(ctx.config.keyIds, ctx.keyStatuses);
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
          {
            details: { keyIds },
          },
        ),
        [
          ...effects,
          { type: 'emit', event: { type: 'keys-unusable', reason: 'internal-error', keyIds } },
        ],
      );
    case 'expired':
      return expire({ ...from, ctx } as SessionState, keyIds);
    default:
      return { state: { status: 'updating', ctx, updated: true }, effects };
  }
}

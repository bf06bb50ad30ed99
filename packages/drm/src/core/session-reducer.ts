import { LegatoError } from '@legato/errors';
import { assessKeys } from './assess-keys.js';
import type { InitData } from './init-data.js';
import { planLicenseTimers, recoveryDeadlineMs } from './plan-license-timers.js';
import type {
  SessionConfig,
  SessionContext,
  SessionEffect,
  SessionInput,
  SessionState,
  SessionStep,
} from './session-state.js';
import { TERMINAL_STATUSES } from './session-state.js';

const INFINITY = Number.POSITIVE_INFINITY;

/** The state before `start`: nothing opened yet. */
export function initialSessionState(config: SessionConfig): SessionState {
  return {
    status: 'idle',
    ctx: {
      config,
      initData: undefined,
      generateAttempts: 0,
      hasSession: false,
      lastChallenge: undefined,
      keyStatuses: new Map(),
      expiresAtMs: INFINITY,
      renewAtMs: INFINITY,
    },
  };
}

/** Moves to `next`, announcing a status change before the other effects. */
function go(from: SessionState, next: SessionState, effects: SessionEffect[] = []): SessionStep {
  if (next.status === from.status) return { state: next, effects };
  return {
    state: next,
    effects: [{ type: 'emit', event: { type: 'state', status: next.status } }, ...effects],
  };
}

const stay = (state: SessionState): SessionStep => ({ state, effects: [] });

/** Effects that stop timers and close the CDM session (once). */
function teardown(ctx: SessionContext): SessionEffect[] {
  const effects: SessionEffect[] = [
    { type: 'clear-timer', name: 'renewal' },
    { type: 'clear-timer', name: 'expiry' },
  ];
  if (ctx.hasSession) effects.push({ type: 'close-session' });
  return effects;
}

function fail(
  from: SessionState,
  error: LegatoError<string>,
  before: SessionEffect[] = [],
): SessionStep {
  const ctx = { ...from.ctx, hasSession: false };
  return go(from, { status: 'failed', ctx, error }, [...before, ...teardown(from.ctx)]);
}

function expire(from: SessionState, keyIds: readonly string[]): SessionStep {
  const ctx = { ...from.ctx, hasSession: false };
  return go(from, { status: 'expired', ctx }, [
    { type: 'emit', event: { type: 'keys-unusable', reason: 'expired', keyIds } },
    ...teardown(from.ctx),
  ]);
}

function begin(from: SessionState, ctx: SessionContext): SessionStep {
  if (ctx.initData === undefined) {
    return go(from, { status: 'awaiting-init-data', ctx }, [{ type: 'await-init-data' }]);
  }
  return go(from, { status: 'creating', ctx }, [{ type: 'create-session' }]);
}

function generate(from: SessionState, initData: InitData): SessionStep {
  const ctx = { ...from.ctx, hasSession: true, generateAttempts: from.ctx.generateAttempts + 1 };
  return go(from, { status: 'generating-request', ctx }, [{ type: 'generate-request', initData }]);
}

/** Places the session after its keys changed or a license was installed. */
function settle(
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

function startRenewal(from: SessionState, message: Uint8Array): SessionStep {
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

function renewalFailed(
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

function installed(from: SessionState, nowMs: number, cdmExpirationMs: number): SessionStep {
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

/**
 * The license session state machine: a pure function from the current state and what
 * happened to the next state and the effects the stream must execute. Inputs that do not
 * apply to the current state (late CDM messages, stale responses) leave it unchanged;
 * terminal states (`expired`, `closed`, `failed`) ignore every input.
 */
export function sessionReducer(state: SessionState, input: SessionInput): SessionStep {
  if (TERMINAL_STATUSES.has(state.status)) return stay(state);
  const { ctx } = state;
  switch (input.type) {
    case 'start': {
      if (state.status !== 'idle') return stay(state);
      const next = { ...ctx, initData: input.initData };
      if (!input.provisioned)
        return go(state, { status: 'provisioning', ctx: next }, [{ type: 'provision' }]);
      return begin(state, next);
    }
    case 'provisioned':
      return state.status === 'provisioning' ? begin(state, ctx) : stay(state);
    case 'init-data':
      if (state.status !== 'awaiting-init-data') return stay(state);
      return go(state, { status: 'creating', ctx: { ...ctx, initData: input.initData } }, [
        { type: 'create-session' },
      ]);
    case 'session-created':
      if (state.status !== 'creating' || ctx.initData === undefined) return stay(state);
      return generate(state, ctx.initData);
    case 'request-generated':
      return stay(state);
    case 'message':
      return onMessage(state, input);
    case 'license-received':
      if (state.status === 'requesting-license') {
        return go(state, { status: 'updating', ctx, updated: false }, [
          { type: 'update', response: input.response },
        ]);
      }
      if (state.status === 'renewing' && state.phase === 'requesting') {
        return {
          state: { ...state, phase: 'updating' },
          effects: [{ type: 'update', response: input.response }],
        };
      }
      return stay(state);
    case 'updated':
      if (
        (state.status === 'updating' && !state.updated) ||
        (state.status === 'renewing' && state.phase === 'updating')
      ) {
        return installed(state, input.nowMs, input.cdmExpirationMs);
      }
      return stay(state);
    case 'key-statuses':
      return onKeyStatuses(state, { ...ctx, keyStatuses: input.statuses });
    case 'failed':
      return onFailed(state, input);
    case 'timer':
      return onTimer(state, input.name, input.nowMs);
    case 'cdm-closed':
      if (!ctx.hasSession) return stay(state);
      return fail(
        { ...state, ctx: { ...ctx, hasSession: false } } as SessionState,
        new LegatoError('CDM_SESSION_FAILED', `the CDM closed the session while ${state.status}`, {
          retryable: true,
        }),
      );
    case 'close':
      return go(state, { status: 'closed', ctx: { ...ctx, hasSession: false } }, teardown(ctx));
  }
}

function onMessage(
  state: SessionState,
  input: Extract<SessionInput, { type: 'message' }>,
): SessionStep {
  const { ctx } = state;
  const awaitingRequest =
    state.status === 'generating-request' || (state.status === 'updating' && state.updated);
  switch (input.messageType) {
    case 'license-request':
    case 'individualization-request': {
      if (!awaitingRequest) return stay(state);
      const next =
        input.messageType === 'license-request' ? { ...ctx, lastChallenge: input.message } : ctx;
      return go(state, { status: 'requesting-license', ctx: next }, [
        { type: 'send', kind: input.messageType, message: input.message },
      ]);
    }
    case 'license-renewal':
      if (state.status === 'usable' || state.status === 'output-restricted')
        return startRenewal(state, input.message);
      if (state.status === 'renewing' && state.phase === 'waiting') {
        return {
          state: { ...state, phase: 'requesting', message: input.message },
          effects: [
            { type: 'clear-timer', name: 'renewal' },
            { type: 'send', kind: 'license-renewal', message: input.message },
          ],
        };
      }
      return stay(state);
    default:
      return stay(state);
  }
}

function onKeyStatuses(state: SessionState, ctx: SessionContext): SessionStep {
  switch (state.status) {
    case 'usable':
    case 'output-restricted':
      return settle(state, ctx, [], false);
    case 'updating':
      return state.updated
        ? settle(state, ctx, [], false)
        : { state: { ...state, ctx }, effects: [] };
    case 'renewing': {
      // Within the recovery window an expired key is expected; only a CDM fault ends it.
      if (assessKeys(ctx.config.keyIds, ctx.keyStatuses).verdict === 'internal-error') {
        return settle(state, ctx, [], false);
      }
      return { state: { ...state, ctx }, effects: [] };
    }
    default:
      return { state: { ...state, ctx } as SessionState, effects: [] };
  }
}

function onFailed(
  state: SessionState,
  input: Extract<SessionInput, { type: 'failed' }>,
): SessionStep {
  const { ctx } = state;
  switch (input.operation) {
    case 'provision':
      return state.status === 'provisioning' ? fail(state, input.error) : stay(state);
    case 'create':
      return state.status === 'creating' ? fail(state, input.error) : stay(state);
    case 'generate-request': {
      if (state.status !== 'generating-request') return stay(state);
      if (ctx.generateAttempts >= ctx.config.maxGenerateAttempts) return fail(state, input.error);
      // A session whose generateRequest failed is unusable: close it, retry on a new one.
      return go(state, { status: 'creating', ctx: { ...ctx, hasSession: false } }, [
        { type: 'close-session' },
        { type: 'create-session' },
      ]);
    }
    case 'license':
      if (state.status === 'requesting-license') return fail(state, input.error);
      if (state.status === 'renewing' && state.phase === 'requesting')
        return renewalFailed(state, input.error, input.nowMs);
      return stay(state);
    case 'update':
      if (state.status === 'updating' && !state.updated) return fail(state, input.error);
      if (state.status === 'renewing' && state.phase === 'updating')
        return renewalFailed(state, input.error, input.nowMs);
      return stay(state);
  }
}

function onTimer(state: SessionState, name: 'renewal' | 'expiry', nowMs: number): SessionStep {
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

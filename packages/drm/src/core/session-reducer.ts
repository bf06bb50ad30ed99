import { LegatoError } from '@legato/errors';
import { recoveryFailed, startReacquire } from '../_internal/session-recovery.js';
import {
  installed,
  onTimer,
  renewalFailed,
  settle,
  startRenewal,
} from '../_internal/session-renewal.js';
import { fail, go, stay, teardown } from '../_internal/session-steps.js';
import { assessKeys } from './assess-keys.js';
import type { InitData } from './init-data.js';
import type {
  SessionConfig,
  SessionContext,
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
      recoverByMs: INFINITY,
      lastError: undefined,
    },
  };
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
      return onKeyStatuses(state, { ...ctx, keyStatuses: input.statuses }, input.nowMs);
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
    case 'reacquire':
      return startReacquire(state, 'requested', input.nowMs);
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

function onKeyStatuses(state: SessionState, ctx: SessionContext, nowMs: number): SessionStep {
  switch (state.status) {
    case 'usable':
    case 'output-restricted':
      return settle(state, ctx, [], false, nowMs);
    case 'updating':
      return state.updated
        ? settle(state, ctx, [], false, nowMs)
        : { state: { ...state, ctx }, effects: [] };
    case 'renewing': {
      // While renewing, only a CDM fault or the key's expiry changes course.
      const { verdict } = assessKeys(ctx.config.keyIds, ctx.keyStatuses);
      if (verdict === 'internal-error' || verdict === 'expired')
        return settle(state, ctx, [], false, nowMs);
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
      return state.status === 'creating' || state.status === 'awaiting-init-data'
        ? fail(state, input.error)
        : stay(state);
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
      if (state.status === 'requesting-license') return failedAcquiring(state, input);
      if (state.status === 'renewing' && state.phase === 'requesting')
        return renewalFailed(state, input.error, input.nowMs);
      return stay(state);
    case 'update':
      if (state.status === 'updating' && !state.updated) return failedAcquiring(state, input);
      if (state.status === 'renewing' && state.phase === 'updating')
        return renewalFailed(state, input.error, input.nowMs);
      return stay(state);
  }
}

/** A license request or update failed: fatal, unless re-acquiring (then retried to the deadline). */
function failedAcquiring(
  state: SessionState,
  input: Extract<SessionInput, { type: 'failed' }>,
): SessionStep {
  if (state.ctx.recoverByMs === INFINITY) return fail(state, input.error);
  return recoveryFailed(state, input.error, input.nowMs);
}

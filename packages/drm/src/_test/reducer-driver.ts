import {
  type InitData,
  initialSessionState,
  type KeyStatus,
  type SessionConfig,
  type SessionEffect,
  type SessionInput,
  type SessionState,
  sessionReducer,
} from '@legato/drm';
import { LegatoError } from '@legato/errors';

// Shared fixtures of the session reducer tests: a config, the inputs of a happy path, and a
// driver that folds inputs through the reducer.

export const KID = '00112233445566778899aabbccddeeff';
export const initData: InitData = { initDataType: 'keyids', initData: new Uint8Array([1]) };
export const challenge = new Uint8Array([7, 7]);

export const config = (over: Partial<SessionConfig> = {}): SessionConfig => ({
  keyIds: [KID],
  policy: undefined,
  maxGenerateAttempts: 2,
  renewalLeadMs: 30_000,
  renewalRetryIntervalMs: 10_000,
  recoveryWindowMs: 30_000,
  renewal: 'request-again',
  ...over,
});

/** A key-statuses input for the track's key. */
export const keys = (status: KeyStatus, nowMs = 0): SessionInput => ({
  type: 'key-statuses',
  statuses: new Map([[KID, status]]),
  nowMs,
});

/** Folds inputs through the reducer, keeping every state and all effects. */
export function drive(inputs: readonly SessionInput[], state = initialSessionState(config())) {
  const effects: SessionEffect[] = [];
  const states: SessionState[] = [];
  for (const input of inputs) {
    const step = sessionReducer(state, input);
    state = step.state;
    states.push(state);
    effects.push(...step.effects);
  }
  return {
    state,
    effects,
    states,
    emitted: effects.flatMap((e) => (e.type === 'emit' ? [e.event] : [])),
  };
}

export const toRequest: SessionInput[] = [
  { type: 'start', provisioned: true, initData },
  { type: 'session-created' },
  { type: 'request-generated' },
  { type: 'message', messageType: 'license-request', message: challenge },
];

/** From idle to usable; the license installed at `nowMs`. */
export const toUsable = (nowMs = 0, cdmExpirationMs = Number.NaN): SessionInput[] => [
  ...toRequest,
  { type: 'license-received', response: new Uint8Array([9]) },
  keys('usable', nowMs),
  { type: 'updated', nowMs, cdmExpirationMs },
];

/** A failed operation: retryable (LICENSE_SERVER_ERROR) or a refusal (LICENSE_DENIED). */
export const failure = (
  operation: 'license' | 'update' | 'generate-request',
  retryable: boolean,
  nowMs = 0,
): SessionInput => ({
  type: 'failed',
  operation,
  nowMs,
  error: new LegatoError(retryable ? 'LICENSE_SERVER_ERROR' : 'LICENSE_DENIED', 'x', { retryable }),
});

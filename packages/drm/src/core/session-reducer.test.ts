import {
  type InitData,
  initialSessionState,
  type LicensePolicy,
  type SessionConfig,
  type SessionEffect,
  type SessionInput,
  type SessionState,
  sessionReducer,
  toLicensePolicy,
} from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';

const KID = '00112233445566778899aabbccddeeff';
const initData: InitData = { initDataType: 'keyids', initData: new Uint8Array([1]) };
const challenge = new Uint8Array([7, 7]);
const config = (over: Partial<SessionConfig> = {}): SessionConfig => ({
  keyIds: [KID],
  policy: undefined,
  maxGenerateAttempts: 2,
  renewalLeadMs: 30_000,
  renewalRetryIntervalMs: 10_000,
  renewal: 'request-again',
  ...over,
});
const usable = new Map([[KID, 'usable' as const]]);

/** Folds inputs through the reducer, keeping every state and all effects. */
function drive(inputs: readonly SessionInput[], state = initialSessionState(config())) {
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

const toRequest: SessionInput[] = [
  { type: 'start', provisioned: true, initData },
  { type: 'session-created' },
  { type: 'request-generated' },
  { type: 'message', messageType: 'license-request', message: challenge },
];
const toUsable = (nowMs = 0, cdmExpirationMs = Number.NaN): SessionInput[] => [
  ...toRequest,
  { type: 'license-received', response: new Uint8Array([9]) },
  { type: 'key-statuses', statuses: usable },
  { type: 'updated', nowMs, cdmExpirationMs },
];
const failure = (
  operation: 'license' | 'update' | 'generate-request',
  retryable: boolean,
  nowMs = 0,
): SessionInput => ({
  type: 'failed',
  operation,
  nowMs,
  error: new LegatoError(retryable ? 'LICENSE_SERVER_ERROR' : 'LICENSE_DENIED', 'x', { retryable }),
});

describe('sessionReducer', () => {
  it('walks creating → generating-request → requesting-license → updating → usable', () => {
    const { state, emitted, effects } = drive(toUsable());
    expect(state.status).toBe('usable');
    expect(
      emitted.filter((e) => e.type === 'state').map((e) => e.type === 'state' && e.status),
    ).toEqual(['creating', 'generating-request', 'requesting-license', 'updating', 'usable']);
    expect(emitted.at(-1)).toEqual({
      type: 'usable',
      keyIds: [KID],
      expiresAtMs: Number.POSITIVE_INFINITY,
    });
    expect(effects.map((e) => e.type)).toContain('generate-request');
    expect(effects).toContainEqual({ type: 'send', kind: 'license-request', message: challenge });
    expect(effects).toContainEqual({ type: 'update', response: new Uint8Array([9]) });
  });

  it('is not usable on key statuses alone: it waits for update() to resolve', () => {
    const before = drive(toUsable().slice(0, -1));
    expect(before.state.status).toBe('updating');
    expect(before.emitted.some((e) => e.type === 'usable')).toBe(false);
  });

  it('after update() waits for the default_KID to turn usable', () => {
    const { state } = drive([
      ...toRequest,
      { type: 'license-received', response: new Uint8Array([9]) },
      { type: 'updated', nowMs: 0, cdmExpirationMs: Number.NaN },
      { type: 'key-statuses', statuses: new Map([['ffffffffffffffffffffffffffffffff', 'usable']]) },
    ]);
    expect(state).toMatchObject({ status: 'updating', updated: true });
    const after = drive([{ type: 'key-statuses', statuses: usable }], state);
    expect(after.state.status).toBe('usable');
  });

  it('provisions first when the CDM is not provisioned', () => {
    const { state, effects } = drive([{ type: 'start', provisioned: false, initData }]);
    expect(state.status).toBe('provisioning');
    expect(effects).toContainEqual({ type: 'provision' });
    expect(drive([{ type: 'provisioned' }], state).state.status).toBe('creating');
  });

  it('waits for an encrypted event when the MPD had no init data', () => {
    const { state, effects } = drive([{ type: 'start', provisioned: true, initData: undefined }]);
    expect(state.status).toBe('awaiting-init-data');
    expect(effects).toContainEqual({ type: 'await-init-data' });
    const next = drive([{ type: 'init-data', initData }, { type: 'session-created' }], state);
    expect(next.effects).toContainEqual({ type: 'generate-request', initData });
  });

  it('retries a failed generateRequest on a new session, then fails after maxGenerateAttempts', () => {
    const first = drive([...toRequest.slice(0, 2), failure('generate-request', true)]);
    expect(first.state.status).toBe('creating');
    expect(first.effects.slice(-2)).toEqual([
      { type: 'close-session' },
      { type: 'create-session' },
    ]);
    const second = drive(
      [{ type: 'session-created' }, failure('generate-request', true)],
      first.state,
    );
    expect(second.state.status).toBe('failed');
    expect(second.effects.filter((e) => e.type === 'close-session')).toHaveLength(1);
    expect(second.effects.filter((e) => e.type === 'generate-request')).toEqual([
      { type: 'generate-request', initData },
    ]);
  });

  it('fails with the transport error when the license request fails', () => {
    const { state, effects } = drive([...toRequest, failure('license', false)]);
    expect(state.status).toBe('failed');
    expect(state.status === 'failed' && state.error.code).toBe('LICENSE_DENIED');
    expect(effects.filter((e) => e.type === 'close-session')).toHaveLength(1);
  });

  it('reports output-restricted as a typed event and returns to usable', () => {
    const restricted = drive(
      [{ type: 'key-statuses', statuses: new Map([[KID, 'output-restricted']]) }],
      drive(toUsable()).state,
    );
    expect(restricted.state.status).toBe('output-restricted');
    expect(restricted.emitted).toContainEqual({
      type: 'keys-unusable',
      reason: 'output-restricted',
      keyIds: [KID],
    });
    const back = drive([{ type: 'key-statuses', statuses: usable }], restricted.state);
    expect(back.state.status).toBe('usable');
    expect(back.emitted.some((e) => e.type === 'usable')).toBe(true);
  });

  it('fails with CDM_INTERNAL_ERROR when a key reports internal-error', () => {
    const { state, emitted, effects } = drive(
      [{ type: 'key-statuses', statuses: new Map([[KID, 'internal-error']]) }],
      drive(toUsable()).state,
    );
    expect(state.status === 'failed' && state.error.code).toBe('CDM_INTERNAL_ERROR');
    expect(emitted).toContainEqual({
      type: 'keys-unusable',
      reason: 'internal-error',
      keyIds: [KID],
    });
    expect(effects).toContainEqual({ type: 'close-session' });
  });

  it('expires when the CDM reports the key expired', () => {
    const { state, emitted } = drive(
      [{ type: 'key-statuses', statuses: new Map([[KID, 'expired']]) }],
      drive(toUsable()).state,
    );
    expect(state.status).toBe('expired');
    expect(emitted).toContainEqual({ type: 'keys-unusable', reason: 'expired', keyIds: [KID] });
  });

  it('plans renewal before a 60 s CDM expiry and renews by re-sending the license request', () => {
    const ready = drive(toUsable(1000, 61_000));
    expect(ready.effects).toContainEqual({ type: 'set-timer', name: 'renewal', atMs: 31_000 });
    expect(ready.effects).toContainEqual({ type: 'set-timer', name: 'expiry', atMs: 61_000 });
    const renewing = drive([{ type: 'timer', name: 'renewal', nowMs: 31_000 }], ready.state);
    expect(renewing.state.status).toBe('renewing');
    expect(renewing.effects).toContainEqual({
      type: 'send',
      kind: 'license-renewal',
      message: challenge,
    });
    const renewed = drive(
      [
        { type: 'license-received', response: new Uint8Array([10]) },
        { type: 'updated', nowMs: 31_500, cdmExpirationMs: 91_500 },
      ],
      renewing.state,
    );
    expect(renewed.state.status).toBe('usable');
    expect(renewed.emitted).toContainEqual({ type: 'renewed', expiresAtMs: 91_500 });
    expect(renewed.effects).toContainEqual({ type: 'set-timer', name: 'expiry', atMs: 91_500 });
  });

  it('retries a failed renewal and expires when the license runs out', () => {
    const renewing = drive(
      [{ type: 'timer', name: 'renewal', nowMs: 31_000 }],
      drive(toUsable(1000, 61_000)).state,
    );
    const waiting = drive([failure('license', true, 31_000)], renewing.state);
    expect(waiting.state).toMatchObject({ status: 'renewing', phase: 'waiting' });
    expect(waiting.effects).toEqual([{ type: 'set-timer', name: 'renewal', atMs: 41_000 }]);
    const retried = drive([{ type: 'timer', name: 'renewal', nowMs: 41_000 }], waiting.state);
    expect(retried.effects).toEqual([
      { type: 'send', kind: 'license-renewal', message: challenge },
    ]);
    const expired = drive([{ type: 'timer', name: 'expiry', nowMs: 61_000 }], retried.state);
    expect(expired.state.status).toBe('expired');
    expect(expired.effects).toContainEqual({ type: 'close-session' });
  });

  it('honours the policy: renewal delay, retry interval and recovery window', () => {
    const policy: LicensePolicy = toLicensePolicy({
      policy_overrides: {
        can_renew: true,
        license_duration_seconds: 60,
        renewal_delay_seconds: 20,
        renewal_retry_interval_seconds: 5,
        renewal_recovery_duration_seconds: 30,
      },
    });
    const ready = drive(toUsable(0, Number.NaN), initialSessionState(config({ policy })));
    expect(ready.effects).toContainEqual({ type: 'set-timer', name: 'renewal', atMs: 20_000 });
    expect(ready.effects).toContainEqual({ type: 'set-timer', name: 'expiry', atMs: 60_000 });
    const renewing = drive([{ type: 'timer', name: 'renewal', nowMs: 20_000 }], ready.state);
    expect(renewing.effects).toContainEqual({ type: 'set-timer', name: 'expiry', atMs: 90_000 });
    const waiting = drive([failure('license', true, 20_000)], renewing.state);
    expect(waiting.effects).toEqual([{ type: 'set-timer', name: 'renewal', atMs: 25_000 }]);
    // Past the license's own expiry, the recovery window keeps the session alive.
    const keysExpired = drive(
      [{ type: 'key-statuses', statuses: new Map([[KID, 'expired']]) }],
      waiting.state,
    );
    expect(keysExpired.state.status).toBe('renewing');
    expect(
      drive([{ type: 'timer', name: 'expiry', nowMs: 90_000 }], keysExpired.state).state.status,
    ).toBe('expired');
  });

  it('gives up renewing after a non-retryable failure: the license ends at its expiry', () => {
    const renewing = drive(
      [{ type: 'timer', name: 'renewal', nowMs: 31_000 }],
      drive(toUsable(1000, 61_000)).state,
    );
    const denied = drive([failure('license', false, 31_000)], renewing.state);
    expect(denied.state).toMatchObject({
      status: 'renewing',
      phase: 'waiting',
      deadlineMs: 61_000,
    });
    expect(denied.effects).toEqual([{ type: 'set-timer', name: 'expiry', atMs: 61_000 }]);
  });

  it('does not renew a license whose policy forbids it', () => {
    const policy = toLicensePolicy({
      policy_overrides: { can_renew: false, license_duration_seconds: 60 },
    });
    const ready = drive(toUsable(0, Number.NaN), initialSessionState(config({ policy })));
    expect(ready.effects).toContainEqual({ type: 'clear-timer', name: 'renewal' });
    expect(
      drive([{ type: 'timer', name: 'expiry', nowMs: 60_000 }], ready.state).state.status,
    ).toBe('expired');
  });

  it('in cdm renewal mode waits for the CDM license-renewal message', () => {
    const ready = drive(toUsable(0, 60_000), initialSessionState(config({ renewal: 'cdm' })));
    expect(ready.effects).toContainEqual({ type: 'clear-timer', name: 'renewal' });
    const renewal = new Uint8Array([42]);
    const next = drive(
      [{ type: 'message', messageType: 'license-renewal', message: renewal }],
      ready.state,
    );
    expect(next.state.status).toBe('renewing');
    expect(next.effects).toContainEqual({
      type: 'send',
      kind: 'license-renewal',
      message: renewal,
    });
  });

  it('closes the CDM session once on close, and closed is terminal', () => {
    const closed = drive([{ type: 'close' }], drive(toUsable()).state);
    expect(closed.state.status).toBe('closed');
    expect(closed.effects.filter((e) => e.type === 'close-session')).toHaveLength(1);
    const again = drive(
      [{ type: 'close' }, { type: 'key-statuses', statuses: usable }, { type: 'cdm-closed' }],
      closed.state,
    );
    expect(again.state).toBe(closed.state);
    expect(again.effects).toEqual([]);
  });

  it('fails without closing again when the CDM closed the session itself', () => {
    const { state, effects } = drive([{ type: 'cdm-closed' }], drive(toUsable()).state);
    expect(state.status === 'failed' && state.error.code).toBe('CDM_SESSION_FAILED');
    expect(effects.some((e) => e.type === 'close-session')).toBe(false);
  });

  it('ignores inputs that do not apply (stale responses, early messages)', () => {
    const start = drive(toRequest.slice(0, 2)).state;
    const { state, effects } = drive(
      [
        { type: 'license-received', response: new Uint8Array([1]) },
        { type: 'updated', nowMs: 0, cdmExpirationMs: 0 },
        { type: 'timer', name: 'renewal', nowMs: 0 },
      ],
      start,
    );
    expect(state).toBe(start);
    expect(effects).toEqual([]);
  });
});

import { initialSessionState, type LicensePolicy, toLicensePolicy } from '@legato/drm';
import { describe, expect, it } from 'vitest';
import {
  challenge,
  config,
  drive,
  failure,
  initData,
  KID,
  keys,
  toRequest,
  toUsable,
} from '../_test/reducer-driver.js';

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
      {
        type: 'key-statuses',
        statuses: new Map([['ffffffffffffffffffffffffffffffff', 'usable']]),
        nowMs: 0,
      },
    ]);
    expect(state).toMatchObject({ status: 'updating', updated: true });
    const after = drive([keys('usable')], state);
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
    const restricted = drive([keys('output-restricted')], drive(toUsable()).state);
    expect(restricted.state.status).toBe('output-restricted');
    expect(restricted.emitted).toContainEqual({
      type: 'keys-unusable',
      reason: 'output-restricted',
      keyIds: [KID],
    });
    const back = drive([keys('usable')], restricted.state);
    expect(back.state.status).toBe('usable');
    expect(back.emitted.some((e) => e.type === 'usable')).toBe(true);
  });

  it('fails with CDM_INTERNAL_ERROR when a key reports internal-error', () => {
    const { state, emitted, effects } = drive([keys('internal-error')], drive(toUsable()).state);
    expect(state.status === 'failed' && state.error.code).toBe('CDM_INTERNAL_ERROR');
    expect(emitted).toContainEqual({
      type: 'keys-unusable',
      reason: 'internal-error',
      keyIds: [KID],
    });
    expect(effects).toContainEqual({ type: 'close-session' });
  });

  it('re-acquires on a new CDM session when the CDM reports the key expired', () => {
    const { state, emitted, effects } = drive([keys('expired', 5_000)], drive(toUsable()).state);
    expect(state.status).toBe('creating');
    expect(state.ctx.recoverByMs).toBe(35_000); // now + the 30 s recovery window
    expect(emitted).toContainEqual({ type: 'keys-unusable', reason: 'expired', keyIds: [KID] });
    expect(emitted).toContainEqual({
      type: 'reacquiring',
      reason: 'expired',
      deadlineMs: 35_000,
      keyIds: [KID],
    });
    expect(effects.slice(-3)).toEqual([
      { type: 'set-timer', name: 'expiry', atMs: 35_000 },
      { type: 'close-session' },
      { type: 'create-session' },
    ]);
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

  it('retries a failed renewal until the license runs out, then re-acquires', () => {
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
    expect(expired.state.status).toBe('creating');
    expect(expired.effects).toContainEqual({ type: 'close-session' });
    expect(expired.effects).toContainEqual({ type: 'set-timer', name: 'expiry', atMs: 91_000 });
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
    const waiting = drive([failure('license', true, 20_000)], renewing.state);
    expect(waiting.effects).toEqual([{ type: 'set-timer', name: 'renewal', atMs: 25_000 }]);
    // The key expired: re-acquisition within the policy's 30 s recovery window, then fatal.
    const keysExpired = drive([keys('expired', 60_000)], waiting.state);
    expect(keysExpired.state.status).toBe('creating');
    expect(keysExpired.effects).toContainEqual({
      type: 'set-timer',
      name: 'expiry',
      atMs: 90_000,
    });
    const end = drive([{ type: 'timer', name: 'expiry', nowMs: 90_000 }], keysExpired.state);
    expect(end.state.status).toBe('expired');
    expect(end.state.status === 'expired' && end.state.error.code).toBe('CDM_KEY_EXPIRED');
  });

  it('does not repeat a refused renewal: the license runs to its expiry', () => {
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
    expect(denied.effects).toEqual([]); // the expiry timer set at install still runs
  });

  it('does not renew a license whose policy forbids it', () => {
    const policy = toLicensePolicy({
      policy_overrides: { can_renew: false, license_duration_seconds: 60 },
    });
    const ready = drive(toUsable(0, Number.NaN), initialSessionState(config({ policy })));
    expect(ready.effects).toContainEqual({ type: 'clear-timer', name: 'renewal' });
    // At expiry, a new license (not a renewal) is requested within the default window.
    const expired = drive([{ type: 'timer', name: 'expiry', nowMs: 60_000 }], ready.state);
    expect(expired.state.status).toBe('creating');
    expect(expired.state.ctx.recoverByMs).toBe(90_000);
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
    const again = drive([{ type: 'close' }, keys('usable'), { type: 'cdm-closed' }], closed.state);
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

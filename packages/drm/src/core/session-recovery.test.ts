import { initialSessionState, type SessionInput } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';
import { challenge, config, drive, failure, KID, keys, toUsable } from '../_test/reducer-driver.js';

// Re-acquisition: after the key expired (or when asked), a new CDM session and license request,
// retried until the recovery deadline, then CDM_KEY_EXPIRED.

const newChallenge = new Uint8Array([8, 8]);
/** The re-acquisition's new session up to its license request. */
const toNewRequest: SessionInput[] = [
  { type: 'session-created' },
  { type: 'request-generated' },
  { type: 'message', messageType: 'license-request', message: newChallenge },
];
const timer = (name: 'renewal' | 'expiry', nowMs: number): SessionInput => ({
  type: 'timer',
  name,
  nowMs,
});

/** usable with a license installed at 1 s that expires at 61 s; renewal due at 31 s. */
const usableUntil61s = () => drive(toUsable(1000, 61_000)).state;
/** Renewals failed with timeouts until expiry; the expiry timer fired at 61 s. */
function expiredAfterFailedRenewals() {
  const timeout = new LegatoError('LICENSE_TIMEOUT', 'late', { retryable: true });
  return drive(
    [
      timer('renewal', 31_000),
      { type: 'failed', operation: 'license', error: timeout, nowMs: 41_000 },
      timer('renewal', 51_000),
      { type: 'failed', operation: 'license', error: timeout, nowMs: 60_900 },
      timer('expiry', 61_000),
    ],
    usableUntil61s(),
  );
}

describe('sessionReducer re-acquisition', () => {
  it('a license whose renewals all timed out is re-acquired on a new session and plays on', () => {
    const expired = expiredAfterFailedRenewals();
    expect(expired.state.status).toBe('creating');
    expect(expired.state.ctx).toMatchObject({ recoverByMs: 91_000, hasSession: false });
    expect(expired.emitted).toContainEqual({
      type: 'reacquiring',
      reason: 'expired',
      deadlineMs: 91_000,
      keyIds: [KID],
    });
    const requested = drive(toNewRequest, expired.state);
    expect(requested.state.status).toBe('requesting-license');
    expect(requested.effects).toContainEqual({
      type: 'send',
      kind: 'license-request',
      message: newChallenge,
    });
    const back = drive(
      [
        { type: 'license-received', response: new Uint8Array([3]) },
        keys('usable', 62_000),
        { type: 'updated', nowMs: 62_000, cdmExpirationMs: 122_000 },
      ],
      requested.state,
    );
    expect(back.state.status).toBe('usable');
    expect(back.state.ctx).toMatchObject({ recoverByMs: Infinity, lastError: undefined });
    expect(back.emitted.at(-1)).toEqual({ type: 'usable', keyIds: [KID], expiresAtMs: 122_000 });
    expect(back.effects).toContainEqual({ type: 'set-timer', name: 'expiry', atMs: 122_000 });
    expect(back.effects).toContainEqual({ type: 'set-timer', name: 'renewal', atMs: 92_000 });
  });

  it('retries a failed re-acquisition every retry interval, then fails CDM_KEY_EXPIRED at the deadline', () => {
    const requested = drive(toNewRequest, expiredAfterFailedRenewals().state);
    const waiting = drive([failure('license', true, 62_000)], requested.state);
    expect(waiting.state.status).toBe('reacquiring');
    expect(waiting.effects).toContainEqual({ type: 'set-timer', name: 'renewal', atMs: 72_000 });
    const again = drive([timer('renewal', 72_000)], waiting.state);
    expect(again.state.status).toBe('requesting-license');
    expect(again.effects).toContainEqual({
      type: 'send',
      kind: 'license-request',
      message: newChallenge,
    });
    // A failure whose retry would fall after the deadline waits for the deadline.
    const last = drive([failure('license', true, 85_000)], again.state);
    expect(last.effects.filter((e) => e.type === 'set-timer')).toEqual([]);
    const end = drive([timer('expiry', 91_000)], last.state);
    expect(end.state.status).toBe('expired');
    if (end.state.status !== 'expired') return;
    expect(end.state.error).toMatchObject({ code: 'CDM_KEY_EXPIRED', retryable: false });
    expect(end.state.error.cause).toMatchObject({ code: 'LICENSE_SERVER_ERROR' });
    expect(end.effects).toContainEqual({ type: 'close-session' });
  });

  it('a refused re-acquisition is fatal at once with the server error', () => {
    const requested = drive(toNewRequest, expiredAfterFailedRenewals().state);
    const denied = drive([failure('license', false, 62_000)], requested.state);
    expect(denied.state.status === 'failed' && denied.state.error.code).toBe('LICENSE_DENIED');
  });

  it('a new license that is already expired counts as a failed attempt (no busy loop)', () => {
    const requested = drive(
      [...toNewRequest, { type: 'license-received', response: new Uint8Array([3]) }],
      expiredAfterFailedRenewals().state,
    );
    const stale = drive(
      [{ type: 'updated', nowMs: 62_000, cdmExpirationMs: 1 }, keys('expired', 62_000)],
      requested.state,
    );
    expect(stale.state.status).toBe('reacquiring');
    expect(stale.state.ctx.recoverByMs).toBe(91_000);
    expect(stale.effects).toContainEqual({ type: 'set-timer', name: 'renewal', atMs: 72_000 });
  });

  it('reacquire (the watchdog asks): a new session now, bounded by now + the window, never extended', () => {
    const asked = drive([{ type: 'reacquire', nowMs: 10_000 }], usableUntil61s());
    expect(asked.state.status).toBe('creating');
    expect(asked.emitted).toContainEqual({
      type: 'reacquiring',
      reason: 'requested',
      deadlineMs: 40_000,
      keyIds: [KID],
    });
    expect(asked.emitted.some((e) => e.type === 'keys-unusable')).toBe(false);
    expect(asked.effects).toContainEqual({ type: 'close-session' });
    const askedAgain = drive([{ type: 'reacquire', nowMs: 30_000 }], asked.state);
    expect(askedAgain.state.ctx.recoverByMs).toBe(40_000);
  });

  it('reacquire is ignored before init data and after the end', () => {
    const idle = initialSessionState(config());
    expect(drive([{ type: 'reacquire', nowMs: 0 }], idle).state).toBe(idle);
    const waiting = drive([{ type: 'start', provisioned: true, initData: undefined }]).state;
    expect(drive([{ type: 'reacquire', nowMs: 0 }], waiting).state).toBe(waiting);
    const closed = drive([{ type: 'close' }], usableUntil61s()).state;
    expect(drive([{ type: 'reacquire', nowMs: 0 }], closed).state).toBe(closed);
  });

  it("uses the policy's recovery window over the default", () => {
    const policy = {
      canPlay: true,
      canPersist: false,
      canRenew: true,
      licenseDurationS: 60,
      rentalDurationS: 0,
      playbackDurationS: 0,
      renewalDelayS: 20,
      renewalRetryIntervalS: 5,
      renewalRecoveryDurationS: 12,
      renewWithUsage: false,
    };
    const ready = drive(toUsable(0), initialSessionState(config({ policy }))).state;
    const expired = drive([timer('expiry', 60_000)], ready);
    expect(expired.state.ctx.recoverByMs).toBe(72_000);
    const requested = drive([...toNewRequest, failure('license', true, 61_000)], expired.state);
    expect(requested.effects).toContainEqual({ type: 'set-timer', name: 'renewal', atMs: 66_000 });
    expect(challenge).not.toEqual(newChallenge);
  });
});

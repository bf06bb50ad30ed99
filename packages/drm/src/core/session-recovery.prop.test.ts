import { fc, test } from '@fast-check/vitest';
import {
  initialSessionState,
  type SessionConfig,
  type SessionInput,
  type SessionState,
  sessionReducer,
  TERMINAL_STATUSES,
  toLicensePolicy,
} from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { expect } from 'vitest';

// "Every expired key ends in recovery or a typed fatal within the bound": the reducer driven the
// way the stream drives it (effects executed, timers firing in time order) against an
// adversarial license server and CDM (answers, retryable and refusing failures, silence,
// expired keys, re-acquire requests, at random times).

const KID = '00112233445566778899aabbccddeeff';
const bytes = new Uint8Array([1]);
const initData = { initDataType: 'keyids' as const, initData: bytes };
const INF = Number.POSITIVE_INFINITY;

type Move =
  | 'answer'
  | 'answer-stale'
  | 'fail-retryable'
  | 'fail-refused'
  | 'silence'
  | 'keys-expired'
  | 'keys-usable'
  | 'reacquire'
  | 'renewal-message';

const move = fc.record({
  dtMs: fc.integer({ min: 0, max: 25_000 }),
  what: fc.constantFrom<Move>(
    'answer',
    'answer',
    'answer-stale',
    'fail-retryable',
    'fail-refused',
    'silence',
    'keys-expired',
    'keys-usable',
    'reacquire',
    'renewal-message',
  ),
});

const config: fc.Arbitrary<SessionConfig> = fc.record({
  keyIds: fc.constant([KID]),
  policy: fc.option(
    fc
      .record({ recoveryS: fc.nat(40), retryS: fc.nat(15), canRenew: fc.boolean() })
      .map(({ recoveryS, retryS, canRenew }) =>
        toLicensePolicy({
          policy_overrides: canRenew
            ? {
                can_play: true,
                can_renew: true,
                license_duration_seconds: 20,
                renewal_delay_seconds: 8,
                renewal_retry_interval_seconds: retryS,
                renewal_recovery_duration_seconds: recoveryS,
              }
            : { can_play: true, can_renew: false, license_duration_seconds: 20 },
        }),
      ),
    { nil: undefined },
  ),
  maxGenerateAttempts: fc.constant(2),
  renewalLeadMs: fc.integer({ min: 1_000, max: 30_000 }),
  renewalRetryIntervalMs: fc.integer({ min: 1_000, max: 15_000 }),
  recoveryWindowMs: fc.integer({ min: 1_000, max: 60_000 }),
  renewal: fc.constant('request-again' as const),
});

/** The longest a recovery may last under `cfg`: the policy's window, else the default one. */
function windowMs(cfg: SessionConfig): number {
  const p = cfg.policy;
  return p?.canRenew && p.renewalRecoveryDurationS > 0
    ? p.renewalRecoveryDurationS * 1000
    : cfg.recoveryWindowMs;
}

function simulate(cfg: SessionConfig, moves: readonly { dtMs: number; what: Move }[]): void {
  let state: SessionState = initialSessionState(cfg);
  let nowMs = 0;
  let pending: 'send' | 'update' | undefined;
  const timers = new Map<'renewal' | 'expiry', number>();
  const retryMs = cfg.policy?.renewalRetryIntervalS
    ? cfg.policy.renewalRetryIntervalS * 1000
    : cfg.renewalRetryIntervalMs;
  let failedAtMs = Number.NEGATIVE_INFINITY;
  const error = (retryable: boolean) =>
    retryable
      ? new LegatoError('LICENSE_TIMEOUT', 'late', { retryable: true })
      : new LegatoError('LICENSE_DENIED', 'no', { retryable: false });

  const dispatch = (first: SessionInput): void => {
    const queue = [first];
    for (let input = queue.shift(); input !== undefined; input = queue.shift()) {
      const before = state;
      const step = sessionReducer(state, input);
      state = step.state;
      for (const effect of step.effects) {
        if (effect.type === 'set-timer') timers.set(effect.name, effect.atMs);
        else if (effect.type === 'clear-timer') timers.delete(effect.name);
        else if (effect.type === 'create-session') queue.push({ type: 'session-created' });
        else if (effect.type === 'generate-request')
          queue.push(
            { type: 'request-generated' },
            { type: 'message', messageType: 'license-request', message: bytes },
          );
        else if (effect.type === 'send') {
          pending = 'send';
          // Bounded work: a retry while re-acquiring waits the retry interval after a failure.
          if (input.type === 'timer' && before.status === 'reacquiring')
            expect(nowMs - failedAtMs).toBeGreaterThanOrEqual(retryMs);
        } else if (effect.type === 'update') pending = 'update';
        else if (effect.type === 'close-session' && pending === 'update') pending = undefined;
        else if (effect.type === 'emit' && effect.event.type === 'reacquiring') {
          // Bounded: the deadline is at most one recovery window past now (or the expiry).
          expect(effect.event.deadlineMs).toBeLessThanOrEqual(nowMs + windowMs(cfg));
          expect(effect.event.deadlineMs).toBe(state.ctx.recoverByMs);
        }
      }
      if (state.status === 'reacquiring' && before.status !== 'reacquiring') failedAtMs = nowMs;
      if (TERMINAL_STATUSES.has(state.status)) {
        if (state.status === 'expired') expect(state.error.code).toBe('CDM_KEY_EXPIRED');
        return;
      }
      // While recovering, the deadline is armed and never extended.
      if (state.ctx.recoverByMs < INF) {
        expect(timers.get('expiry')).toBeLessThanOrEqual(state.ctx.recoverByMs);
        if (before.ctx.recoverByMs < INF)
          expect(state.ctx.recoverByMs).toBeLessThanOrEqual(before.ctx.recoverByMs);
      }
      if (state.status === 'usable') {
        expect(state.ctx.recoverByMs).toBe(INF);
        // usable only with a live license (an expired one would re-acquire in a loop)
        if (before.status !== 'usable') expect(state.ctx.expiresAtMs).toBeGreaterThan(nowMs);
      }
    }
  };

  /** Fires every timer due by `untilMs`, in time order. */
  const advance = (untilMs: number): void => {
    for (;;) {
      if (TERMINAL_STATUSES.has(state.status)) return;
      const due = [...timers].filter(([, at]) => at <= untilMs).sort((a, b) => a[1] - b[1])[0];
      if (!due) break;
      timers.delete(due[0]);
      nowMs = Math.max(nowMs, due[1]);
      dispatch({ type: 'timer', name: due[0], nowMs });
      // Never overdue: after the deadline fired, the session is usable again or ended.
      if (!TERMINAL_STATUSES.has(state.status))
        expect(state.ctx.recoverByMs).toBeGreaterThan(nowMs);
    }
    nowMs = Math.max(nowMs, untilMs);
  };

  dispatch({ type: 'start', provisioned: true, initData });
  for (const { dtMs, what } of moves) {
    advance(nowMs + dtMs);
    if (TERMINAL_STATUSES.has(state.status)) break;
    const wasPending = pending;
    if (what.startsWith('answer') || what.startsWith('fail')) {
      if (wasPending === undefined) continue;
      pending = undefined;
      if (what.startsWith('fail')) {
        const operation = wasPending === 'send' ? 'license' : 'update';
        dispatch({ type: 'failed', operation, error: error(what === 'fail-retryable'), nowMs });
      } else if (wasPending === 'send') {
        dispatch({ type: 'license-received', response: bytes });
      } else {
        const cdmExpirationMs = what === 'answer-stale' ? nowMs - 1 : nowMs + 20_000;
        dispatch({ type: 'updated', nowMs, cdmExpirationMs });
        dispatch({ type: 'key-statuses', statuses: new Map([[KID, 'usable']]), nowMs });
      }
    } else if (what === 'keys-expired' || what === 'keys-usable') {
      const status = what === 'keys-expired' ? 'expired' : 'usable';
      dispatch({ type: 'key-statuses', statuses: new Map([[KID, status]]), nowMs });
    } else if (what === 'reacquire') {
      dispatch({ type: 'reacquire', nowMs });
    } else if (what === 'renewal-message') {
      dispatch({ type: 'message', messageType: 'license-renewal', message: bytes });
    }
  }
  // Then the server and the CDM go silent: every recovery still ends by its deadline.
  const deadlineMs = state.ctx.recoverByMs;
  advance(Number.MAX_SAFE_INTEGER);
  if (deadlineMs < INF) expect(TERMINAL_STATUSES.has(state.status)).toBe(true);
}

test.prop([config, fc.array(move, { maxLength: 40 })], { numRuns: 400 })(
  'every expired key ends in recovery or CDM_KEY_EXPIRED by a deadline at most one recovery window away, never extended',
  (cfg, moves) => simulate(cfg, moves),
);

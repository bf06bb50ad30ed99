import { fc, test } from '@fast-check/vitest';
import {
  initialSessionState,
  KEY_STATUSES,
  type SessionInput,
  type SessionStatus,
  sessionReducer,
  TERMINAL_STATUSES,
} from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { expect } from 'vitest';

const KID = '00112233445566778899aabbccddeeff';
const STATUSES: readonly SessionStatus[] = [
  'idle',
  'provisioning',
  'awaiting-init-data',
  'creating',
  'generating-request',
  'requesting-license',
  'updating',
  'usable',
  'output-restricted',
  'renewing',
  'reacquiring',
  'expired',
  'closed',
  'failed',
];
const bytes = new Uint8Array([1, 2]);
const initData = { initDataType: 'keyids' as const, initData: bytes };

const input: fc.Arbitrary<SessionInput> = fc.oneof(
  fc.record({
    type: fc.constant('start' as const),
    provisioned: fc.boolean(),
    initData: fc.option(fc.constant(initData), { nil: undefined }),
  }),
  fc.constant({ type: 'provisioned' as const }),
  fc.constant({ type: 'init-data' as const, initData }),
  fc.constant({ type: 'session-created' as const }),
  fc.constant({ type: 'request-generated' as const }),
  fc.record({
    type: fc.constant('message' as const),
    messageType: fc.constantFrom(
      'license-request' as const,
      'license-renewal' as const,
      'license-release' as const,
      'individualization-request' as const,
    ),
    message: fc.constant(bytes),
  }),
  fc.constant({ type: 'license-received' as const, response: bytes }),
  fc.record({
    type: fc.constant('updated' as const),
    nowMs: fc.nat(100_000),
    cdmExpirationMs: fc.oneof(fc.constant(Number.NaN), fc.nat(200_000)),
  }),
  fc.record({
    type: fc.constant('key-statuses' as const),
    statuses: fc.constantFrom(...KEY_STATUSES).map((s) => new Map([[KID, s]])),
    nowMs: fc.nat(300_000),
  }),
  fc.record({ type: fc.constant('reacquire' as const), nowMs: fc.nat(300_000) }),
  fc.record({
    type: fc.constant('failed' as const),
    operation: fc.constantFrom(
      'provision' as const,
      'create' as const,
      'generate-request' as const,
      'license' as const,
      'update' as const,
    ),
    error: fc
      .boolean()
      .map((retryable) => new LegatoError('LICENSE_SERVER_ERROR', 'x', { retryable })),
    nowMs: fc.nat(100_000),
  }),
  fc.record({
    type: fc.constant('timer' as const),
    name: fc.constantFrom('renewal' as const, 'expiry' as const),
    nowMs: fc.nat(300_000),
  }),
  fc.constant({ type: 'cdm-closed' as const }),
  fc.constant({ type: 'close' as const }),
);

const config = fc.record({
  keyIds: fc.constantFrom([KID], [] as string[]),
  policy: fc.constant(undefined),
  maxGenerateAttempts: fc.integer({ min: 1, max: 3 }),
  renewalLeadMs: fc.nat(60_000),
  renewalRetryIntervalMs: fc.integer({ min: 1, max: 20_000 }),
  recoveryWindowMs: fc.integer({ min: 1, max: 60_000 }),
  renewal: fc.constantFrom('cdm' as const, 'request-again' as const),
});

const happyPath: readonly SessionInput[] = [
  { type: 'start', provisioned: true, initData },
  { type: 'session-created' },
  { type: 'message', messageType: 'license-request', message: bytes },
  { type: 'license-received', response: bytes },
  { type: 'key-statuses', statuses: new Map([[KID, 'usable']]), nowMs: 0 },
  { type: 'updated', nowMs: 0, cdmExpirationMs: 60_000 },
];

/** Random inputs with the happy path woven in at random places, so deep states are reached. */
const sequence = fc
  .tuple(
    fc.array(input, { maxLength: 30 }),
    fc.array(fc.nat(30), { minLength: happyPath.length, maxLength: happyPath.length }),
  )
  .map(([noise, positions]) => {
    const out = [...noise];
    const sorted = [...positions].sort((a, b) => a - b);
    for (const [i, step] of happyPath.entries())
      out.splice(Math.min(out.length, sorted[i]! + i), 0, step);
    return out;
  });

test.prop([config, fc.oneof(sequence, fc.array(input, { maxLength: 40 }))], { numRuns: 300 })(
  'never reaches an undefined state; usable only after a successful update; terminal states are final; sessions close exactly once',
  (cfg, inputs) => {
    let state = initialSessionState(cfg);
    let acceptedUpdate = false;
    let opened = 0;
    let closed = 0;
    for (const next of inputs) {
      const before = state;
      const step = sessionReducer(state, next);
      state = step.state;
      expect(STATUSES).toContain(state.status);
      if (TERMINAL_STATUSES.has(before.status)) {
        expect(state).toBe(before);
        expect(step.effects).toEqual([]);
        continue;
      }
      if (
        next.type === 'updated' &&
        ((before.status === 'updating' && !before.updated) ||
          (before.status === 'renewing' && before.phase === 'updating'))
      ) {
        acceptedUpdate = true;
      }
      const usableNow =
        state.status === 'usable' ||
        step.effects.some((e) => e.type === 'emit' && e.event.type === 'usable');
      if (usableNow) expect(acceptedUpdate).toBe(true);
      opened += step.effects.filter((e) => e.type === 'generate-request').length;
      closed += step.effects.filter((e) => e.type === 'close-session').length;
      if (next.type === 'cdm-closed' && before.ctx.hasSession) closed += 1;
      expect(closed).toBeLessThanOrEqual(opened);
      expect(state.ctx.hasSession).toBe(opened > closed);
    }
    if (!TERMINAL_STATUSES.has(state.status)) {
      const end = sessionReducer(state, { type: 'close' });
      closed += end.effects.filter((e) => e.type === 'close-session').length;
      expect(end.state.status).toBe('closed');
    }
    expect(closed).toBe(opened);
  },
);

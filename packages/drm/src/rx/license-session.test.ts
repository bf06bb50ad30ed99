import { licenseSession$, toLicensePolicy } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { EMPTY, NEVER, of, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createFakeCdm } from '../_test/fake-cdm.js';
import {
  closes,
  type Harness,
  KID,
  label,
  license,
  newScheduler,
  runSession,
  track,
} from '../_test/run-session.js';

describe('licenseSession$', () => {
  it('runs the lifecycle to usable when the license arrives (virtual time)', () => {
    const { log, requests, cdm } = runSession();
    expect(log).toEqual([
      '0:creating',
      '0:generating-request',
      '0:requesting-license',
      '2:updating',
      '2:usable',
      `2:usable(${KID})`,
    ]);
    expect(requests).toEqual([{ atMs: 0, context: { kind: 'license-request' } }]);
    expect(cdm.sessions[0]?.updates).toEqual([license]);
    expect(new TextDecoder().decode(cdm.sessions[0]?.generateCalls[0]?.initData)).toBe(
      '{"kids":["ABEiM0RVZneImaq7zN3u_w"]}',
    );
  });

  it('does not emit usable while the default_KID is still pending after update', () => {
    const { log } = runSession({ cdm: { statusAfterUpdate: 'status-pending' } });
    expect(log.at(-1)).toBe('2:updating');
  });

  it('retries a failed generateRequest on a new CDM session from the stored init data', () => {
    const { cdm, log } = runSession({ cdm: { failGenerateRequests: 1 } });
    expect(cdm.sessions).toHaveLength(2);
    expect(cdm.sessions[0]?.closeCalls).toBe(1);
    expect(cdm.sessions[1]?.generateCalls[0]?.initData).toEqual(
      cdm.sessions[0]?.generateCalls[0]?.initData,
    );
    expect(log.at(-1)).toBe(`2:usable(${KID})`);
  });

  it('fails with CDM_SESSION_FAILED after maxGenerateAttempts sessions', () => {
    const { cdm, end } = runSession({
      cdm: { failGenerateRequests: 5 },
      session: { maxGenerateAttempts: 2 },
    });
    expect(cdm.sessions).toHaveLength(2);
    expect(closes(cdm)).toBe(2);
    expect(end.value).toBe('0:error(CDM_SESSION_FAILED)');
  });

  it('errors with the transport error and closes the session', () => {
    const denied = new LegatoError('LICENSE_DENIED', 'denied');
    const { cdm, end } = runSession({
      respond: (_c, _i, s) => s.createColdObservable('---#', undefined, denied),
    });
    expect(end.value).toBe('3:error(LICENSE_DENIED)');
    expect(closes(cdm)).toBe(1);
  });

  it('provisions an unprovisioned CDM first', () => {
    const { cdm, log } = runSession({
      cdm: { requireProvisioning: true },
      session: { provisioningTransport: () => of(new Uint8Array([5])) },
    });
    expect(cdm.provisioningResponses).toEqual([new Uint8Array([5])]);
    expect(log.slice(0, 2)).toEqual(['0:provisioning', '0:creating']);
  });

  it('uses init data from the encrypted event when the track has none', () => {
    const encrypted$ = new Subject<{ initDataType: 'keyids'; initData: Uint8Array }>();
    const { log, cdm } = runSession({
      track: { keyIds: [] },
      session: { encrypted$ },
      during: (_h, s) =>
        s.schedule(
          () => encrypted$.next({ initDataType: 'keyids', initData: new Uint8Array([1]) }),
          5,
        ),
    });
    expect(log.slice(0, 2)).toEqual(['0:awaiting-init-data', '5:creating']);
    expect(cdm.sessions[0]?.generateCalls[0]?.initData).toEqual(new Uint8Array([1]));
  });

  it('renews 30 s before a 60 s expiry, through the renewal transport, in virtual time', () => {
    const { log, requests } = runSession({
      cdm: { expirationAfterUpdate: (i) => (i === 0 ? 60_002 : 120_000) },
      durationMs: 100_000,
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '30002:license-renewal',
      '90000:license-renewal',
    ]);
    expect(log.filter((l) => l.includes('renew'))).toEqual([
      '30002:renewing',
      '30004:renewed',
      '90000:renewing',
      '90002:renewed',
    ]);
  });

  it('re-acquires on a new session when renewals fail until expiry; a stale license ends in CDM_KEY_EXPIRED at the deadline', () => {
    const unavailable = new LegatoError('LICENSE_SERVER_ERROR', 'down', { retryable: true });
    const { log, requests, end, cdm } = runSession({
      cdm: { expirationAfterUpdate: () => 60_002 }, // every license the server sends ends at 60 s
      respond: (c, _i, s) =>
        c.kind === 'license-request'
          ? s.createColdObservable('--l|', { l: license })
          : s.createColdObservable('#', undefined, unavailable),
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '30002:license-renewal',
      '40002:license-renewal',
      '50002:license-renewal',
      '60002:license-request', // the new session's request (re-acquisition)
      '70004:license-request', // its license was already expired: retried every 10 s
      '80006:license-request',
    ]);
    expect(log.filter((l) => l.startsWith('60002:'))).toEqual([
      '60002:creating',
      '60002:keys-unusable(expired)',
      '60002:reacquiring(expired@90002)',
      '60002:generating-request',
      '60002:requesting-license',
    ]);
    expect(end.value).toBe('90002:error(CDM_KEY_EXPIRED)');
    expect(cdm.sessions).toHaveLength(2);
    expect(cdm.sessions.map((s) => s.closeCalls)).toEqual([1, 1]);
  });

  it('renews on the policy timeline while renewals fail, then re-acquires at expiry and plays on', () => {
    const policy = toLicensePolicy({
      policy_overrides: {
        can_renew: true,
        license_duration_seconds: 60,
        renewal_delay_seconds: 20,
        renewal_retry_interval_seconds: 15,
        renewal_recovery_duration_seconds: 30,
      },
    });
    const down = new LegatoError('LICENSE_SERVER_ERROR', 'down', { retryable: true });
    const { requests, end, log } = runSession({
      session: { policy },
      durationMs: 130_000,
      respond: (c, _i, s) =>
        c.kind === 'license-request'
          ? s.createColdObservable('l|', { l: license })
          : s.createColdObservable('#', undefined, down),
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '20000:license-renewal',
      '35000:license-renewal',
      '50000:license-renewal',
      '60000:license-request',
      '80000:license-renewal',
      '95000:license-renewal',
      '110000:license-renewal',
      '120000:license-request',
    ]);
    expect(log).toContain('60000:reacquiring(expired@90000)');
    expect(log).toContain(`60000:usable(${KID})`);
    expect(end.value).toBeUndefined(); // still playing when unsubscribed
  });

  it('sends renewals to the policy renewal_server_url', () => {
    const policy = toLicensePolicy({
      policy_overrides: {
        can_renew: true,
        renewal_delay_seconds: 10,
        renewal_server_url: 'https://renew.example/r',
      },
    });
    const { requests } = runSession({ session: { policy }, durationMs: 15_000 });
    expect(requests[1]?.context).toEqual({
      kind: 'license-renewal',
      url: 'https://renew.example/r',
    });
  });

  it('forwards CDM-initiated renewal messages in cdm mode', () => {
    const { requests, log } = runSession({
      session: { renewal: 'cdm' },
      during: (h, s) =>
        s.schedule(
          () => h.cdm.sessions[0]?.emitMessage('license-renewal', new Uint8Array([3])),
          100,
        ),
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '100:license-renewal',
    ]);
    expect(log.slice(-2)).toEqual(['102:usable', '102:renewed']);
  });

  it('emits output-restricted as a typed event without closing', () => {
    const { log, cdm } = runSession({
      during: (h, s) => s.schedule(() => h.cdm.sessions[0]?.emitStatuses('output-restricted'), 10),
      durationMs: 20,
    });
    expect(log.slice(-2)).toEqual(['10:output-restricted', '10:keys-unusable(output-restricted)']);
    expect(closes(cdm)).toBe(1); // by the final unsubscribe, not before
  });

  it('errors with CDM_SESSION_FAILED when the CDM closes the session itself', async () => {
    const cdm = createFakeCdm();
    const result = new Promise<string>((resolve) => {
      licenseSession$(track, { cdm, transport: () => of(license) }).subscribe({
        next: (e) => {
          if (e.type === 'usable') cdm.sessions[0]?.closeByCdm();
        },
        error: (e: LegatoError) => resolve(e.code),
      });
    });
    expect(await result).toBe('CDM_SESSION_FAILED');
    expect(cdm.sessions[0]?.closeCalls).toBe(0);
  });

  it('fails when encrypted$ completes without init data', () => {
    const { end, cdm } = runSession({ track: { keyIds: [] }, session: { encrypted$: EMPTY } });
    expect(end.value).toBe('0:error(INVALID_ARGUMENT)');
    expect(cdm.sessions).toHaveLength(0);
  });

  it('removes a persistent license before closing when removeOnClose is set', () => {
    const { cdm } = runSession({
      session: { sessionType: 'persistent-license', removeOnClose: true },
      durationMs: 10,
    });
    expect(cdm.sessions[0]?.type).toBe('persistent-license');
    expect(cdm.sessions[0]?.removeCalls).toBe(1);
    expect(cdm.sessions[0]?.closeCalls).toBe(1);
  });

  it('closes a persistent session without removing it by default', () => {
    const { cdm } = runSession({ session: { sessionType: 'persistent-license' }, durationMs: 10 });
    expect(cdm.sessions[0]?.removeCalls).toBe(0);
    expect(cdm.sessions[0]?.closeCalls).toBe(1);
  });

  it('errors with INVALID_ARGUMENT when there is no init data and no encrypted$', () => {
    const cdm = createFakeCdm();
    let code = '';
    licenseSession$({ keyIds: [] }, { cdm, transport: () => NEVER }).subscribe({
      error: (e: LegatoError) => {
        code = e.code;
      },
    });
    expect(code).toBe('INVALID_ARGUMENT');
    expect(cdm.sessions).toHaveLength(0);
  });
});

describe('licenseSession$ cancellation', () => {
  const cases: readonly {
    readonly state: string;
    readonly expectedCloses: number;
    readonly options: Parameters<typeof runSession>[0];
  }[] = [
    {
      state: 'provisioning',
      expectedCloses: 0,
      options: {
        cdm: { requireProvisioning: true },
        session: { provisioningTransport: () => NEVER },
      },
    },
    { state: 'awaiting-init-data', expectedCloses: 0, options: { session: { encrypted$: NEVER } } },
    {
      state: 'generating-request',
      expectedCloses: 1,
      options: { cdm: { hold: ['generateRequest'] } },
    },
    { state: 'requesting-license', expectedCloses: 1, options: { respond: () => NEVER } },
    { state: 'updating', expectedCloses: 1, options: { cdm: { hold: ['update'] } } },
    { state: 'usable', expectedCloses: 1, options: {} },
    {
      state: 'output-restricted',
      expectedCloses: 1,
      options: {
        during: (h, s) =>
          s.schedule(() => h.cdm.sessions[0]?.emitStatuses('output-restricted'), 10),
      },
    },
    {
      state: 'renewing',
      expectedCloses: 1,
      options: {
        cdm: { expirationAfterUpdate: () => 60_002 },
        respond: (c, _i, s) =>
          c.kind === 'license-request' ? s.createColdObservable('--l|', { l: license }) : NEVER,
      },
    },
  ];

  it.each(cases)(
    'unsubscribing in $state closes the CDM session exactly once',
    ({ state, expectedCloses, options }) => {
      const unsubscribeAtMs = state === 'renewing' ? 40_000 : 50;
      const encryptedTrack = state === 'awaiting-init-data';
      const h = encryptedTrack
        ? runAwaiting(unsubscribeAtMs)
        : runSession({ ...options, unsubscribeAtMs });
      const last = h.log
        .filter((l) => !l.includes('keys-unusable'))
        .at(-1)
        ?.split(':')[1];
      expect(last).toBe(state === 'usable' ? `usable(${KID})` : state);
      expect(closes(h.cdm)).toBe(expectedCloses);
      expect(h.end.value).toBeUndefined();
    },
  );

  /** A track without key ids waits for `encrypted$`. */
  function runAwaiting(unsubscribeAtMs: number): Harness {
    const scheduler = newScheduler();
    const log: string[] = [];
    const cdm = createFakeCdm({ sync: true });
    scheduler.run(() => {
      const sub = licenseSession$(
        { keyIds: [] },
        { cdm, transport: () => NEVER, encrypted$: NEVER, scheduler },
      ).subscribe((e) => log.push(`${scheduler.now()}:${label(e)}`));
      scheduler.schedule(() => sub.unsubscribe(), unsubscribeAtMs);
    });
    return { cdm, log, requests: [], end: { value: undefined } };
  }

  it('unsubscribes from (aborts) the in-flight license request', () => {
    newScheduler().run(({ cold, expectSubscriptions }) => {
      const response = cold('-----l|', { l: license });
      const cdm = createFakeCdm({ sync: true });
      const sub = licenseSession$(track, { cdm, transport: () => response }).subscribe();
      cold('---a|').subscribe(() => sub.unsubscribe());
      expectSubscriptions(response.subscriptions).toBe('^--!');
    });
  });
});

import { licenseSession$, type SessionEvent } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { Observable, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFakeCdm } from '../_test/fake-cdm.js';
import { KID, label, license, runSession, track } from '../_test/run-session.js';

// Marble tests of renewal that survives: renewals answered after the transport's timeout,
// re-acquisition on a new CDM session within the recovery window, the bound on a license
// server that never answers, and the `reacquire$` control.

const late = new LegatoError('LICENSE_TIMEOUT', 'no answer within 10000 ms', { retryable: true });
/** A transport attempt that gives up after its 10 s timeout (retries inside already spent). */
const TIMED_OUT = '10000ms #';

describe('licenseSession$ renewal and re-acquisition (virtual time)', () => {
  it('renewals answered too late: re-acquired on a new session within the window, then usable again', () => {
    let licenses = 0;
    const { log, requests, end, cdm } = runSession({
      // A 25 s license (renewal due at 12.5 s; each renewal attempt times out 10 s later), then
      // an unlimited one.
      cdm: { expirationAfterUpdate: () => (++licenses === 1 ? 25_000 : Number.NaN) },
      durationMs: 200_000,
      respond: (c, i, s) =>
        c.kind === 'license-renewal'
          ? s.createColdObservable(TIMED_OUT, undefined, late)
          : i <= 1
            ? s.createColdObservable('l|', { l: license }) // the first license
            : s.createColdObservable('4000ms l|', { l: license }), // the late re-acquired one
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '12500:license-renewal', // times out at 22.5 s; a retry (10 s later) would be past expiry
      '25000:license-request', // expired: a new session, a new license request
    ]);
    expect(log.filter((l) => /^(25000|29000):/.test(l))).toEqual([
      '25000:creating',
      '25000:keys-unusable(expired)',
      '25000:reacquiring(expired@55000)', // the default 30 s recovery window
      '25000:generating-request',
      '25000:requesting-license',
      '29000:updating',
      '29000:usable',
      `29000:usable(${KID})`,
    ]);
    expect(end.value).toBeUndefined(); // still playing
    expect(cdm.sessions).toHaveLength(2);
    expect(cdm.sessions[0]?.closeCalls).toBe(1); // the expired session closed once
    expect(cdm.sessions[1]?.closeCalls).toBe(1); // the new one at unsubscribe
  });

  it('a license server that never answers again: CDM_KEY_EXPIRED at expiry + the recovery window', () => {
    const { requests, end, cdm, log } = runSession({
      cdm: { expirationAfterUpdate: () => 25_000 },
      session: { recoveryWindowS: 45, renewalRetryIntervalS: 10 },
      respond: (_c, i, s) =>
        i === 0
          ? s.createColdObservable('l|', { l: license })
          : s.createColdObservable(TIMED_OUT, undefined, late),
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '12500:license-renewal',
      '25000:license-request',
      '45000:license-request', // timed out at 35 s, retried 10 s later
      '65000:license-request', // the next retry (at 85 s) would be past the 70 s deadline
    ]);
    expect(log).toContain('25000:reacquiring(expired@70000)');
    expect(end.value).toBe('70000:error(CDM_KEY_EXPIRED)');
    expect(cdm.sessions.map((s) => s.closeCalls)).toEqual([1, 1]);
  });

  it('reacquire$: a new session and license at once, bounded by now + the window', () => {
    const { log, requests, cdm } = runSession({
      durationMs: 100_000,
      session: { reacquire$: timer(5000) },
    });
    expect(requests.map((r) => r.atMs)).toEqual([0, 5000]);
    expect(log.filter((l) => l.startsWith('5'))).toEqual([
      '5000:creating',
      '5000:reacquiring(requested@35000)',
      '5000:generating-request',
      '5000:requesting-license',
      '5002:updating',
      '5002:usable',
      `5002:usable(${KID})`,
    ]);
    expect(cdm.sessions.map((s) => s.closeCalls)).toEqual([1, 1]);
  });

  it('unsubscribing while re-acquiring aborts the request, clears the timers and closes once', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const cdm = createFakeCdm({ sync: true, expirationAfterUpdate: () => 20_000 });
    const seen: string[] = [];
    let aborted = 0;
    let sent = 0;
    scheduler.run(({ cold }) => {
      const sub = licenseSession$(track, {
        cdm,
        scheduler,
        transport: () => {
          sent += 1;
          if (sent === 1) return cold('l|', { l: license });
          // Then silence: the request stays in flight until unsubscribed (aborted).
          return new Observable<Uint8Array>(() => () => {
            aborted += 1;
          });
        },
      }).subscribe((e: SessionEvent) => seen.push(`${scheduler.now()}:${label(e)}`));
      scheduler.schedule(() => sub.unsubscribe(), 21_000);
      scheduler.schedule(() => seen.push(`${scheduler.now()}:later`), 500_000);
    });
    expect(seen.filter((l) => l.startsWith('20000:'))).toContain(
      '20000:reacquiring(expired@50000)',
    );
    // license, renewal at 10 s (aborted by the re-acquisition at 20 s), the new request
    // (aborted at 21 s); no retry and no deadline after unsubscribe
    expect(sent).toBe(3);
    expect(aborted).toBe(2);
    expect(cdm.sessions.map((s) => s.closeCalls)).toEqual([1, 1]);
    expect(seen.at(-1)).toBe('500000:later');
  });
});

import type { LicenseReleaseOutcome } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';
import { license, runSession } from '../_test/run-session.js';

// Release of a persistent license on teardown (`removeOnClose`), in virtual time: the CDM's
// license-release message goes to the server, its acknowledgement to the CDM, then one close.

const ack = new TextEncoder().encode('release-ack');
const persistent = (outcomes: LicenseReleaseOutcome[], releaseTimeoutMs = 15_000) => ({
  sessionType: 'persistent-license' as const,
  removeOnClose: true,
  releaseTimeoutMs,
  onRelease: (o: LicenseReleaseOutcome) => outcomes.push(o),
});

describe('licenseSession$ license release (removeOnClose)', () => {
  it('sends the release message and gives the acknowledgement to the CDM, then closes once', () => {
    const outcomes: LicenseReleaseOutcome[] = [];
    const closedAt: number[] = [];
    const { cdm, requests } = runSession({
      cdm: { releaseMessageOnRemove: true },
      session: persistent(outcomes),
      unsubscribeAtMs: 10,
      respond: (c, _i, s) =>
        s.createColdObservable('--l|', { l: c.kind === 'license-release' ? ack : license }),
      during: (h, s) => s.schedule(() => closedAt.push(h.cdm.sessions[0]?.closeCalls ?? -1), 11),
    });
    expect(requests.map((r) => `${r.atMs}:${r.context.kind}`)).toEqual([
      '0:license-request',
      '10:license-release',
    ]);
    const session = cdm.sessions[0];
    expect(session?.removeCalls).toBe(1);
    expect(session?.updates).toEqual([license, ack]);
    expect(closedAt).toEqual([0]); // still open while the server answers
    expect(session?.closeCalls).toBe(1);
    expect(outcomes).toEqual([{ released: true }]);
  });

  it('a server that never answers: closed at the release bound, LICENSE_TIMEOUT reported', () => {
    const outcomes: LicenseReleaseOutcome[] = [];
    const closedAt: number[] = [];
    const { cdm } = runSession({
      cdm: { releaseMessageOnRemove: true },
      session: persistent(outcomes, 5_000),
      unsubscribeAtMs: 10,
      respond: (c, _i, s) =>
        c.kind === 'license-release'
          ? s.createColdObservable('-')
          : s.createColdObservable('--l|', { l: license }),
      during: (h, s) => {
        s.schedule(() => closedAt.push(h.cdm.sessions[0]?.closeCalls ?? -1), 5_009);
        s.schedule(() => closedAt.push(h.cdm.sessions[0]?.closeCalls ?? -1), 5_011);
      },
    });
    expect(closedAt).toEqual([0, 1]);
    expect(cdm.sessions[0]?.closeCalls).toBe(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ released: false, error: { code: 'LICENSE_TIMEOUT' } });
  });

  it('a refused release closes at once and reports the typed server error', () => {
    const outcomes: LicenseReleaseOutcome[] = [];
    const denied = new LegatoError('LICENSE_DENIED', '403');
    const { cdm } = runSession({
      cdm: { releaseMessageOnRemove: true },
      session: persistent(outcomes),
      unsubscribeAtMs: 10,
      respond: (c, _i, s) =>
        c.kind === 'license-release'
          ? s.createColdObservable('-#', undefined, denied)
          : s.createColdObservable('--l|', { l: license }),
    });
    expect(cdm.sessions[0]?.updates).toEqual([license]);
    expect(cdm.sessions[0]?.closeCalls).toBe(1);
    expect(outcomes).toEqual([{ released: false, error: denied }]);
  });

  it('a temporary session is closed without a release, whatever removeOnClose says', () => {
    const outcomes: LicenseReleaseOutcome[] = [];
    const { cdm, requests } = runSession({
      cdm: { releaseMessageOnRemove: true },
      session: { ...persistent(outcomes), sessionType: 'temporary' },
      unsubscribeAtMs: 10,
    });
    expect(requests).toHaveLength(1);
    expect(cdm.sessions[0]?.removeCalls).toBe(0);
    expect(cdm.sessions[0]?.closeCalls).toBe(1);
    expect(outcomes).toEqual([]);
  });
});

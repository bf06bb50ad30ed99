import { type LicenseReleaseOutcome, toLicensePolicy } from '@legato/drm';
import { encodeClearKeyRequest, startLicenseServer } from '@legato/testkit';
import { firstValueFrom, VirtualTimeScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, KID, TOKEN } from './_test/amazon-fixture.js';
import {
  advanceTo,
  amazonTestTransport,
  closeRun,
  eventually,
  run,
  until,
} from './_test/license-session-run.js';

// The license server as the judge of the Widevine template's renewal fields and of license
// release, with the software ClearKey CDM and licenseSession$ over loopback.

afterEach(closeRun);

const template = {
  policy_overrides: {
    can_play: true,
    can_renew: true,
    license_duration_seconds: 60,
    renewal_delay_seconds: 20,
    renewal_retry_interval_seconds: 10,
    renewal_recovery_duration_seconds: 30,
  },
};

describe('license server: template renewal fields', () => {
  it('a session given the template policy renews at renewal_delay_seconds, never early', async () => {
    const clock = new VirtualTimeScheduler();
    const r = await run({ template }, clock, { policy: toLicensePolicy(template) });
    await until(r, 'usable');
    advanceTo(clock, 20_000);
    await eventually(() => r.server.requests.length === 2);
    expect(r.server.requests.map((q) => [q.atMs, q.kind, q.early])).toEqual([
      [0, 'license', undefined],
      [20_000, 'renewal', false],
    ]);
  });

  it('a session that does not follow the template is caught renewing early', async () => {
    const clock = new VirtualTimeScheduler();
    const wrong = { policy_overrides: { ...template.policy_overrides, renewal_delay_seconds: 10 } };
    const r = await run({ template }, clock, { policy: toLicensePolicy(wrong) });
    await until(r, 'usable');
    advanceTo(clock, 10_000);
    await eventually(() => r.server.requests.length === 2);
    expect(r.server.requests[1]).toMatchObject({ atMs: 10_000, kind: 'renewal', early: true });
  });

  it('after expiry, a repeat request is a renewal within renewal_recovery_duration_seconds, a new license after it', async () => {
    const clock = new VirtualTimeScheduler();
    const server = await startLicenseServer({
      keys: { [KID]: KEY },
      tokens: [TOKEN],
      template,
      nowMs: () => clock.now(),
    });
    const { transport } = amazonTestTransport(server);
    const send = () =>
      firstValueFrom(transport(encodeClearKeyRequest([KID]), { kind: 'license-request' }));
    await send(); // issued at 0, expires at 60 s
    advanceTo(clock, 85_000); // expired, within the 30 s recovery window
    await send(); // a renewal: expires at 145 s
    advanceTo(clock, 176_000); // past 145 + 30 s
    await send();
    expect(server.requests.map((q) => [q.atMs, q.kind])).toEqual([
      [0, 'license'],
      [85_000, 'renewal'],
      [176_000, 'license'],
    ]);
    await server.close();
  });
});

describe('license server: release of a persistent license (removeOnClose)', () => {
  it('the CDM release message reaches the server, the acknowledgement the CDM: the stored license is gone', async () => {
    const outcomes: LicenseReleaseOutcome[] = [];
    const r = await run({}, undefined, {
      sessionType: 'persistent-license',
      removeOnClose: true,
      onRelease: (o) => outcomes.push(o),
    });
    await until(r, 'usable');
    r.unsubscribe(); // teardown starts the release; the server stays up
    await eventually(() => outcomes.length === 1);
    expect(outcomes).toEqual([{ released: true }]);
    expect(r.server.requests.map((q) => [q.kind, q.status, q.aborted])).toEqual([
      ['license', 200, false],
      ['release', 200, false],
    ]);
    expect(await r.cdm.createSession('persistent-license').load('clearkey-1')).toBe(false);
    // The server forgot it too: the next request for the key is a new license, not a renewal.
    const { transport } = amazonTestTransport(r.server);
    await firstValueFrom(
      transport(encodeClearKeyRequest([KID], 'persistent-license'), { kind: 'license-request' }),
    );
    expect(r.server.requests.at(-1)?.kind).toBe('license');
  });
});

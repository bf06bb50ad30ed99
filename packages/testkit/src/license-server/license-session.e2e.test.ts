import {
  amazonLicenseTransport,
  licenseSession$,
  parsePlaybackInformation,
  toLicensePolicy,
} from '@legato/drm';
import {
  answerClearKeyProvisioningRequest,
  createSoftwareClearKeyCdm,
  startLicenseServer,
} from '@legato/testkit';
import { filter, firstValueFrom, of, tap, VirtualTimeScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { audioObject, KEY, KID, LICENSE_HEADERS, TOKEN } from './_test/amazon-fixture.js';
import { advanceTo, closeRun, eventually, run, until } from './_test/license-session-run.js';

/**
 * End to end over loopback: the software ClearKey CDM, the real license server and the
 * Amazon transport under `licenseSession$`.
 */
afterEach(closeRun);

describe('licenseSession$ end to end (software ClearKey CDM + license server + Amazon transport)', () => {
  it('README example: playbackInformation → Amazon transport → usable key', async () => {
    // #region readme
    const licenseServer = await startLicenseServer({ keys: { [KID]: KEY }, tokens: [TOKEN] });
    const info = parsePlaybackInformation({ playbackInformation: audioObject }, Date.now());
    const cdm = createSoftwareClearKeyCdm(); // on a device: the EME or Widevine CE CDM port
    const transport = amazonLicenseTransport({
      licenseUrl: licenseServer.licenseUrl, // the MPD's amz:LicenseUrl
      licenseHeaders: info.licenseHeaders,
      getToken: async () => TOKEN, // the LWA token, asked for on every request
      userAgent: 'MyPlayer/1.0',
      allowInsecureOrigins: true, // loopback is plain HTTP; real license URLs must be https:
    });
    const session$ = licenseSession$({ keyIds: [KID] }, { cdm, transport });
    const usable = await firstValueFrom(session$.pipe(filter((e) => e.type === 'usable')));
    expect(usable).toEqual({ type: 'usable', keyIds: [KID], expiresAtMs: Infinity });
    expect(cdm.keyStatus(KID)).toBeUndefined(); // unsubscribing closed the CDM session
    expect(licenseServer.requests[0]?.headers['x-amz-music-asin']).toBe('B00MAZ814K');
    await licenseServer.close();
    // #endregion readme
  });

  it('reaches usable and the CDM holds a usable key', async () => {
    const r = await run();
    const usable = await until(r, 'usable');
    expect(usable).toEqual({
      type: 'usable',
      keyIds: [KID],
      expiresAtMs: Number.POSITIVE_INFINITY,
    });
    expect(r.cdm.keyStatus(KID)).toBe('usable');
    expect(r.log).toEqual([
      'creating',
      'generating-request',
      'requesting-license',
      'updating',
      'usable',
      'usable',
    ]);
    expect(r.server.requests.map((q) => q.status)).toEqual([200]);
  });

  it('provisions an unprovisioned device CDM first, then reaches usable', async () => {
    const server = await startLicenseServer({ keys: { [KID]: KEY }, tokens: [TOKEN] });
    const cdm = createSoftwareClearKeyCdm({ requireProvisioning: true });
    const provisioningRequests: Uint8Array[] = [];
    const transport = amazonLicenseTransport({
      licenseUrl: server.licenseUrl,
      licenseHeaders: LICENSE_HEADERS,
      getToken: () => TOKEN,
      userAgent: 'LegatoTest/1.0',
      allowInsecureOrigins: true,
    });
    const log: string[] = [];
    const session$ = licenseSession$(
      { keyIds: [KID] },
      {
        cdm,
        transport,
        provisioningTransport: ({ request }) => {
          provisioningRequests.push(request);
          return of(answerClearKeyProvisioningRequest(request));
        },
      },
    );
    await firstValueFrom(
      session$.pipe(
        tap((e) => log.push(e.type === 'state' ? e.status : e.type)),
        filter((e) => e.type === 'usable'),
      ),
    );
    expect(log.slice(0, 2)).toEqual(['provisioning', 'creating']);
    expect(provisioningRequests).toHaveLength(1);
    expect(cdm.isProvisioned()).toBe(true);
    await server.close();
  });

  it('401 once: refreshes the token and becomes usable', async () => {
    const r = await run({ faults: [{ status: 401 }] });
    await until(r, 'usable');
    expect(r.tokenCalls).toEqual([false, true]);
  });

  it('403: fails with LICENSE_DENIED after one request, closing the CDM session', async () => {
    const r = await run({ faults: [{ status: 403 }] });
    expect(await r.done).toBe('error:LICENSE_DENIED');
    expect(r.server.requests).toHaveLength(1);
    expect(r.cdm.keyStatus(KID)).toBeUndefined();
  });

  it('503 with Retry-After: retried after it, then usable', async () => {
    const r = await run({ faults: [{ status: 503, retryAfterS: 2 }] });
    await until(r, 'usable');
    expect(r.server.requests.map((q) => q.status)).toEqual([503, 200]);
    expect(r.transportScheduler.delays).toContain(2000);
  });

  it('500 repeatedly: bounded retries, then LICENSE_SERVER_ERROR', async () => {
    const r = await run({ faults: [{ status: 500, times: 10 }] });
    expect(await r.done).toBe('error:LICENSE_SERVER_ERROR');
    expect(r.server.requests).toHaveLength(4);
  });

  it('a 60 s license is renewed on schedule in virtual time', async () => {
    const clock = new VirtualTimeScheduler();
    const r = await run({}, clock, {}, 60);
    expect((await until(r, 'usable')).type).toBe('usable');
    expect(r.server.requests[0]?.expirationMs).toBe(60_000);
    advanceTo(clock, 29_999);
    expect(r.server.requests).toHaveLength(1);
    advanceTo(clock, 30_000);
    expect(await until(r, 'renewed')).toEqual({ type: 'renewed', expiresAtMs: 90_000 });
    expect(r.server.requests.map((q) => `${q.atMs}:${q.kind}`)).toEqual([
      '0:license',
      '30000:renewal',
    ]);
    advanceTo(clock, 70_000);
    expect(r.cdm.keyStatus(KID)).toBe('usable');
  });

  it('a 60 s license that may not be renewed runs out, then a new license is requested', async () => {
    const clock = new VirtualTimeScheduler();
    const template = { policy_overrides: { can_play: true, can_renew: false } };
    const r = await run({ template }, clock, {}, 60);
    await until(r, 'usable');
    advanceTo(clock, 30_000); // renewal attempt → 403 (can_renew false): not repeated
    await eventually(() => r.settled.count === 2);
    expect(r.log.at(-1)).toBe('renewing');
    advanceTo(clock, 59_999);
    expect(r.log).not.toContain('reacquiring');
    advanceTo(clock, 60_000); // expired: a new CDM session and a new license (not a renewal)
    await eventually(() => r.log.filter((l) => l === 'usable').length === 4); // state + event, twice
    expect(r.log).toContain('reacquiring');
    expect(r.server.requests.map((q) => `${q.atMs}:${q.kind}:${q.status}`)).toEqual([
      '0:license:200',
      '30000:renewal:403',
      '60000:license:200',
    ]);
    expect(r.cdm.keyStatus(KID)).toBe('usable');
  });

  it('the policy recovery window bounds re-acquisition while the server fails', async () => {
    const clock = new VirtualTimeScheduler();
    const policy = toLicensePolicy({
      policy_overrides: {
        can_renew: true,
        renewal_delay_seconds: 20,
        renewal_retry_interval_seconds: 10,
        renewal_recovery_duration_seconds: 30,
      },
    });
    const r = await run({}, clock, { policy }, 60, { maxRetries: 0 });
    await until(r, 'usable');
    r.server.addFaults({ status: 503, times: 100 });
    // Renewals at 20, 30, 40, 50 s; the key expires at 60 s: re-acquisition at 60, 70, 80 s.
    for (const at of [20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000]) {
      advanceTo(clock, at);
      await eventually(() => r.settled.count === 1 + (at - 10_000) / 10_000); // each 503 reached it
    }
    expect(r.log).toContain('reacquiring');
    expect(r.cdm.keyStatus(KID)).toBeUndefined(); // the expired session was closed
    advanceTo(clock, 89_999);
    expect(r.log).not.toContain('expired');
    advanceTo(clock, 90_000);
    expect(await r.done).toBe('error:CDM_KEY_EXPIRED');
    expect(r.server.requests.map((q) => q.kind)).toEqual([
      'license',
      'renewal',
      'renewal',
      'renewal',
      'renewal',
      'license',
      'license',
      'license',
    ]);
  });
});

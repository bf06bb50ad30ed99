import {
  amazonLicenseTransport,
  type LicenseReleaseOutcome,
  type LicenseTransport,
  licenseSession$,
} from '@legato/drm';
import {
  createSoftwareClearKeyCdm,
  encodeClearKeyRequest,
  type LicenseServer,
  loadFixtureTrack,
  startLicenseServer,
} from '@legato/testkit';
import { firstValueFrom } from 'rxjs';
import { afterEach, expect, it } from 'vitest';

// What the testkit license server records about each request, and how to assert it.
const fixture = loadFixtureTrack('tone-a');
let server: LicenseServer | undefined;
afterEach(() => server?.close());

/** Polls (real time) until `condition` holds, at most 5 s. */
async function eventually(condition: () => boolean): Promise<void> {
  for (const until = Date.now() + 5000; !condition(); ) {
    if (Date.now() > until) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The Amazon transport to `s` (token `test-token`, no playbackInformation headers required). */
const transportTo = (s: LicenseServer, timeoutMs = 10_000): LicenseTransport =>
  amazonLicenseTransport({
    licenseUrl: s.licenseUrl,
    licenseHeaders: {},
    getToken: () => 'test-token',
    userAgent: 'my-player/1.0',
    allowInsecureOrigins: true,
    timeoutMs,
    maxRetries: 0,
  });

it('records a persistent license release', async () => {
  // #region license-release
  server = await startLicenseServer({ keys: { [fixture.kid]: fixture.key }, requiredHeaders: [] });
  const outcomes: LicenseReleaseOutcome[] = [];
  let usable = false;
  const session = licenseSession$(
    { keyIds: [fixture.kid] },
    {
      cdm: createSoftwareClearKeyCdm(),
      transport: transportTo(server),
      sessionType: 'persistent-license',
      removeOnClose: true, // teardown: remove(), send the release message, close
      onRelease: (outcome) => outcomes.push(outcome),
    },
  ).subscribe((e) => {
    if (e.type === 'usable') usable = true;
  });
  await eventually(() => usable);
  session.unsubscribe();
  await eventually(() => outcomes.length === 1);
  expect(outcomes).toEqual([{ released: true }]);
  // The release reached the server and was acknowledged: the device no longer holds the license.
  expect(server.requests.map((r) => [r.kind, r.status, r.aborted])).toEqual([
    ['license', 200, false],
    ['release', 200, false],
  ]);
  // #endregion
});

it('records renewals that come before renewal_delay_seconds as early', async () => {
  // #region license-early-renewal
  let nowMs = 0; // the server's clock: inject it to judge timing without waiting
  server = await startLicenseServer({
    keys: { [fixture.kid]: fixture.key },
    requiredHeaders: [],
    nowMs: () => nowMs,
    template: {
      policy_overrides: { can_play: true, can_renew: true, renewal_delay_seconds: 20 },
    },
  });
  const send = () =>
    firstValueFrom(
      transportTo(server!)(encodeClearKeyRequest([fixture.kid]), { kind: 'license-request' }),
    );
  await send(); // 0 s: the license
  nowMs = 10_000;
  await send(); // 10 s: a renewal (the device holds a valid license), 10 s too early
  nowMs = 30_000;
  await send(); // 30 s: on time (each license answered restarts the 20 s)
  expect(server.requests.map((r) => [r.atMs, r.kind, r.early])).toEqual([
    [0, 'license', undefined],
    [10_000, 'renewal', true],
    [30_000, 'renewal', false],
  ]);
  // #endregion
});

it('records a request whose client hung up before the answer as aborted', async () => {
  // #region license-aborted
  server = await startLicenseServer({
    keys: { [fixture.kid]: fixture.key },
    requiredHeaders: [],
    faults: [{ delayMs: 2000 }], // the first answer comes after 2 s
  });
  const answer = firstValueFrom(
    transportTo(server, 200)(encodeClearKeyRequest([fixture.kid]), { kind: 'license-request' }),
  );
  await expect(answer).rejects.toMatchObject({ code: 'LICENSE_TIMEOUT' });
  // Logged once the server gives up on it (the hang-up ends the delay): never delivered, so
  // the device does not hold that license and the next request is a new one, not a renewal.
  await eventually(() => server!.requests.length === 1 && server!.inFlight === 0);
  expect(server.requests[0]).toMatchObject({ kind: 'license', status: 200, aborted: true });
  // #endregion
});

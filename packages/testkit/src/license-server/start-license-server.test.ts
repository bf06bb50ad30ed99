import {
  amazonLicenseTransport,
  type LicenseTransport,
  rawLicenseTransport,
  widevineProxyTransport,
} from '@legato/drm';
import { isLegatoError, type LegatoError } from '@legato/errors';
import {
  encodeClearKeyRequest,
  type LicenseServer,
  parseClearKeyLicense,
  startLicenseServer,
} from '@legato/testkit';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForSocketsClosed } from '../origin/wait-for-sockets-closed.js';
import { CUSTOMER_ID, KEY, KID, LICENSE_HEADERS, TOKEN } from './_test/amazon-fixture.js';
import { amazonTestTransport } from './_test/license-session-run.js';

const challenge = encodeClearKeyRequest([KID]);
let server: LicenseServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Partial<Parameters<typeof startLicenseServer>[0]> = {}) {
  server = await startLicenseServer({
    keys: { [KID]: KEY },
    tokens: [TOKEN, 'fresh-token'],
    ...options,
  });
  return server;
}

const amazon = amazonTestTransport;

async function failureOf(transport: LicenseTransport): Promise<LegatoError<string>> {
  try {
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
  } catch (error) {
    if (isLegatoError(error)) return error;
    throw error;
  }
  throw new Error('expected the license request to fail');
}

function expectRedacted(error: LegatoError<string>) {
  const text = JSON.stringify(error.toJSON()) + error.message;
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain('fresh-token');
  expect(text).not.toContain(CUSTOMER_ID);
}

describe('startLicenseServer + amazonLicenseTransport (Amazon protocol over loopback)', () => {
  it('vends a ClearKey license for the requested KID, with the guide headers checked', async () => {
    const s = await start();
    const { transport, tokenCalls } = amazon(s);
    const license = parseClearKeyLicense(
      await firstValueFrom(transport(challenge, { kind: 'license-request' })),
    );
    expect(license.keys).toEqual([{ kid: KID, key: KEY }]);
    expect(Number.isNaN(license.expirationMs)).toBe(true);
    expect(tokenCalls).toEqual([false]);
    const [request] = s.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/license',
      form: 'amazon',
      status: 200,
      kids: [KID],
      kind: 'license',
    });
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer <redacted>',
      'content-type': 'application/json',
      'user-agent': 'LegatoTest/1.0',
      'x-amz-music-asin': 'B00MAZ814K',
      'x-amz-target': LICENSE_HEADERS['x-amz-target'],
    });
  });

  it('answers 400 when a required x-amz-music header is missing → LICENSE_BAD_REQUEST', async () => {
    const s = await start();
    const { 'x-amz-music-device-type': _drop, ...headers } = LICENSE_HEADERS;
    const error = await failureOf(amazon(s, { licenseHeaders: headers }).transport);
    expect(error.code).toBe('LICENSE_BAD_REQUEST');
    expect(error.details).toMatchObject({ status: 400 });
    expect(s.requests).toHaveLength(1);
    expectRedacted(error);
  });

  it('401 → refreshes the token once and succeeds', async () => {
    const s = await start({ faults: [{ status: 401 }] });
    const { transport, tokenCalls } = amazon(s);
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
    expect(tokenCalls).toEqual([false, true]);
    expect(s.requests.map((r) => r.status)).toEqual([401, 200]);
  });

  it('401 twice → LICENSE_UNAUTHORIZED after exactly one refresh', async () => {
    const s = await start({ faults: [{ status: 401, times: 2 }] });
    const { transport, tokenCalls } = amazon(s);
    const error = await failureOf(transport);
    expect(error.code).toBe('LICENSE_UNAUTHORIZED');
    expect(tokenCalls).toEqual([false, true]);
    expectRedacted(error);
  });

  it('403 → LICENSE_DENIED without retry', async () => {
    const s = await start({ faults: [{ status: 403 }] });
    const error = await failureOf(amazon(s).transport);
    expect(error.code).toBe('LICENSE_DENIED');
    expect(error.retryable).toBe(false);
    expect(s.requests).toHaveLength(1);
    expectRedacted(error);
  });

  it('500 → bounded retries, then LICENSE_SERVER_ERROR', async () => {
    const s = await start({ faults: [{ status: 500, times: 10 }] });
    const error = await failureOf(amazon(s, { maxRetries: 2 }).transport);
    expect(error.code).toBe('LICENSE_SERVER_ERROR');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ status: 500, attempts: 3 });
    expect(s.requests).toHaveLength(3);
  });

  it('503 with Retry-After → retried after that delay, then succeeds', async () => {
    const s = await start({ faults: [{ status: 503, retryAfterS: 7 }] });
    const { transport, scheduler } = amazon(s);
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
    expect(s.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(scheduler.delays).toContain(7000);
  });

  it.each(['invalid-json', 'no-license', 'bad-base64'] as const)(
    'a 200 with %s → LICENSE_RESPONSE_INVALID',
    async (body) => {
      const s = await start({ faults: [{ body }] });
      const error = await failureOf(amazon(s).transport);
      expect(error.code).toBe('LICENSE_RESPONSE_INVALID');
      expect(s.requests).toHaveLength(1);
    },
  );

  it('a slow server → LICENSE_TIMEOUT after the per-attempt timeout', async () => {
    const s = await start({ faults: [{ delayMs: 5_000 }] });
    const transport = amazonLicenseTransport({
      licenseUrl: s.licenseUrl,
      licenseHeaders: LICENSE_HEADERS,
      getToken: () => TOKEN,
      userAgent: 'LegatoTest/1.0',
      allowInsecureOrigins: true,
      timeoutMs: 100,
      maxRetries: 0,
    });
    const error = await failureOf(transport);
    expect(error.code).toBe('LICENSE_TIMEOUT');
  });

  it('asks for the token on every request and sends the expiration test header', async () => {
    const s = await start();
    const { transport, tokenCalls } = amazon(s, { expirationTestSecs: 60 });
    const before = Date.now();
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
    const second = parseClearKeyLicense(
      await firstValueFrom(transport(challenge, { kind: 'license-renewal' })),
    );
    expect(tokenCalls).toEqual([false, false]);
    expect(s.requests[0]?.headers['x-amz-music-license-expiration-secs']).toBe('60');
    expect(second.expirationMs).toBeGreaterThanOrEqual(before + 60_000);
    expect(s.requests.map((r) => r.kind)).toEqual(['license', 'renewal']);
  });

  it('accepts the guide’s other expiration header spelling', async () => {
    const s = await start({ nowMs: () => 1_000 });
    const { transport } = amazon(s, {
      expirationTestSecs: 30,
      expirationHeaderName: 'x-alexa-music-license-expiration-test-duration-secs',
    });
    const license = parseClearKeyLicense(
      await firstValueFrom(transport(challenge, { kind: 'license-request' })),
    );
    expect(license.expirationMs).toBe(31_000);
  });

  it('refuses an http: license URL unless allowInsecureOrigins', async () => {
    const s = await start();
    const error = await failureOf(amazon(s, { allowInsecureOrigins: false }).transport);
    expect(error.code).toBe('INSECURE_ORIGIN');
    expect(s.requests).toHaveLength(0);
  });

  it('honours the template policy: durations, can_play, can_renew', async () => {
    const s = await start({
      template: { policy_overrides: { can_play: true, license_duration_seconds: 120 } },
      nowMs: () => 0,
    });
    const { transport } = amazon(s);
    const license = parseClearKeyLicense(
      await firstValueFrom(transport(challenge, { kind: 'license-request' })),
    );
    expect(license.expirationMs).toBe(120_000);
    const renewal = await failureOf(transport);
    expect(renewal.code).toBe('LICENSE_DENIED'); // can_renew defaults to false
    await s.close();
    const denied = await start({ template: { policy_overrides: { can_play: false } } });
    expect((await failureOf(amazon(denied).transport)).code).toBe('LICENSE_DENIED');
  });

  it('checks method, Content-Type, token and entitlement', async () => {
    const s = await start();
    const body = JSON.stringify({ licenseChallenge: Buffer.from(challenge).toString('base64') });
    const headers = { ...LICENSE_HEADERS, 'User-Agent': 'T/1', Authorization: `Bearer ${TOKEN}` };
    const post = (h: Record<string, string>, b: string = body) =>
      fetch(s.licenseUrl, { method: 'POST', headers: h, body: b });
    expect((await fetch(s.licenseUrl)).status).toBe(405);
    expect((await post({ ...headers, 'Content-Type': 'text/plain' })).status).toBe(400);
    expect(
      (await post({ ...headers, 'Content-Type': 'application/json', Authorization: 'Bearer nope' }))
        .status,
    ).toBe(401);
    const unknownKid = JSON.stringify({
      licenseChallenge: Buffer.from(encodeClearKeyRequest(['f'.repeat(32)])).toString('base64'),
    });
    expect(
      (await post({ ...headers, 'Content-Type': 'application/json' }, unknownKid)).status,
    ).toBe(403);
    expect(
      (await post({ ...headers, 'Content-Type': 'application/json' }, '{"licenseChallenge":"%%%"}'))
        .status,
    ).toBe(400);
    const okResponse = await post({ ...headers, 'Content-Type': 'application/json' });
    expect(okResponse.status).toBe(200);
    expect(Object.keys(await okResponse.json())).toEqual(['license']);
    expect(s.requests.map((r) => r.status)).toEqual([405, 400, 401, 403, 400, 200]);
  });

  it('answers CORS preflights for browser pages', async () => {
    const s = await start();
    const response = await fetch(s.licenseUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:9',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-amz-target',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,x-amz-target',
    );
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
  });

  it('close() leaves no open sockets, even with a request still delayed', async () => {
    const s = await start({ faults: [{ delayMs: 10_000 }] });
    const pending = fetch(s.licenseUrl, { method: 'POST', body: '{}' }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.close();
    server = undefined;
    expect(await pending).toBe('aborted');
    expect(await waitForSocketsClosed()).toEqual([]);
  });
});

describe('other request forms', () => {
  it('widevineProxyTransport: the template JSON with payload; request policy_overrides honoured', async () => {
    const s = await start({ nowMs: () => 0 });
    const transport = widevineProxyTransport({
      licenseUrl: s.licenseUrl,
      template: { provider: 'legato', policy: { canPlay: true, licenseDurationS: 30 } },
      getToken: () => TOKEN,
      allowInsecureOrigins: true,
    });
    const license = parseClearKeyLicense(
      await firstValueFrom(transport(challenge, { kind: 'license-request' })),
    );
    expect(license.keys[0]?.kid).toBe(KID);
    expect(license.expirationMs).toBe(30_000);
    expect(s.requests[0]?.form).toBe('widevine-proxy');
  });

  it('rawLicenseTransport: binary challenge in, binary license out', async () => {
    const s = await start();
    const transport = rawLicenseTransport({
      licenseUrl: s.licenseUrl,
      getToken: () => TOKEN,
      allowInsecureOrigins: true,
    });
    const license = parseClearKeyLicense(
      await firstValueFrom(transport(challenge, { kind: 'license-request' })),
    );
    expect(license.keys).toEqual([{ kid: KID, key: KEY }]);
    expect(s.requests[0]?.form).toBe('raw');
  });

  it('sends no bearer token to a renewal URL on another origin', async () => {
    const s = await start();
    const other = await startLicenseServer({ keys: { [KID]: KEY }, tokens: [TOKEN] });
    try {
      const { transport } = amazon(s);
      const error = await failureOf((c, ctx) => transport(c, { ...ctx, url: other.licenseUrl }));
      expect(error.code).toBe('LICENSE_UNAUTHORIZED');
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

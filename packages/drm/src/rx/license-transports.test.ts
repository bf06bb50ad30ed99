import {
  amazonLicenseTransport,
  type LicenseTransport,
  rawLicenseTransport,
  widevineProxyTransport,
} from '@legato/drm';
import { isLegatoError, type LegatoError } from '@legato/errors';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fetchPort, recordingScheduler } from '../_test/fetch-port.js';

const TOKEN = 'Atza|secret-token';
const URL = 'https://license.example/get?sig=abc';
const challenge = new Uint8Array([1, 2, 3]);

const ok = (license = 'AQID') => new Response(JSON.stringify({ license }), { status: 200 });

function amazon(port: ReturnType<typeof fetchPort>, over: Record<string, unknown> = {}) {
  const scheduler = recordingScheduler();
  const transport = amazonLicenseTransport({
    licenseUrl: URL,
    licenseHeaders: { 'x-amz-music-customer-id': 'A2UVA8V9BOYUMQ' },
    getToken: () => TOKEN,
    userAgent: 'Test/1',
    transport: port.transport,
    scheduler,
    timeoutMs: 60_000,
    ...over,
  });
  return { transport, scheduler };
}

async function failure(transport: LicenseTransport): Promise<LegatoError<string>> {
  try {
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
  } catch (error) {
    if (isLegatoError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('license transports (status mapping over a fetch port)', () => {
  it('POSTs the Amazon JSON body with the guide headers', async () => {
    const port = fetchPort(ok());
    expect(
      await firstValueFrom(amazon(port).transport(challenge, { kind: 'license-request' })),
    ).toEqual(new Uint8Array([1, 2, 3]));
    const [call] = port.calls;
    expect(call?.url).toBe(URL);
    expect(call?.init.method).toBe('POST');
    expect(JSON.parse(String(call?.init.body))).toEqual({ licenseChallenge: 'AQID' });
    expect(call?.init.headers).toEqual({
      'x-amz-music-customer-id': 'A2UVA8V9BOYUMQ',
      'User-Agent': 'Test/1',
      'Content-Type': 'application/json',
      Authorization: `Bearer ${TOKEN}`,
    });
  });

  it('reads licenseHeaders afresh for every request when given a function', async () => {
    const port = fetchPort(ok(), ok());
    let n = 0;
    const { transport } = amazon(port, {
      licenseHeaders: () => ({ 'x-amz-music-rid': `rid-${++n}` }),
    });
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
    await firstValueFrom(transport(challenge, { kind: 'license-renewal' }));
    expect(
      port.calls.map((c) => (c.init.headers as Record<string, string>)['x-amz-music-rid']),
    ).toEqual(['rid-1', 'rid-2']);
  });

  it('retries network failures with jittered backoff, then LICENSE_NETWORK without secrets', async () => {
    const port = fetchPort(
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
    );
    const { transport, scheduler } = amazon(port, {
      maxRetries: 2,
      rng: () => 0.5,
      baseRetryDelayMs: 1000,
    });
    const error = await failure(transport);
    expect(error.code).toBe('LICENSE_NETWORK');
    expect(error.retryable).toBe(true); // the registry's value: a renewal retries it
    expect(port.calls).toHaveLength(3);
    expect(scheduler.delays.filter((d) => d < 60_000)).toEqual([500, 1000]);
    expect(error.message).toContain('https://license.example/get?<redacted>');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/secret-token|A2UVA8V9BOYUMQ|sig=abc/);
  });

  it('honours Retry-After on 429', async () => {
    const port = fetchPort(
      new Response('', { status: 429, headers: { 'Retry-After': '3' } }),
      ok(),
    );
    const { transport, scheduler } = amazon(port);
    await firstValueFrom(transport(challenge, { kind: 'license-request' }));
    expect(scheduler.delays).toContain(3000);
  });

  it('maps other 4xx to LICENSE_BAD_REQUEST with the status', async () => {
    const error = await failure(amazon(fetchPort(new Response('', { status: 404 }))).transport);
    expect(error.code).toBe('LICENSE_BAD_REQUEST');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ status: 404, kind: 'license-request' });
  });

  it('refuses oversized responses', async () => {
    const port = fetchPort(new Response(new Uint8Array(2048), { status: 200 }));
    expect((await failure(amazon(port, { maxResponseBytes: 1024 }).transport)).code).toBe(
      'LICENSE_RESPONSE_INVALID',
    );
  });

  it('aborts the request on unsubscribe', async () => {
    const port = fetchPort('hang');
    const sub = amazon(port).transport(challenge, { kind: 'license-request' }).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(port.signals[0]?.aborted).toBe(false);
    sub.unsubscribe();
    expect(port.signals[0]?.aborted).toBe(true);
  });

  it('refuses http: license URLs unless allowed', async () => {
    const port = fetchPort(ok());
    const error = await failure(amazon(port, { licenseUrl: 'http://license.example/x' }).transport);
    expect(error.code).toBe('INSECURE_ORIGIN');
    expect(port.calls).toHaveLength(0);
  });

  it('widevineProxyTransport validates the template before any request', async () => {
    const port = fetchPort(new Response(JSON.stringify({ status: 'OK', license: 'AQID' })));
    const bad = widevineProxyTransport({
      licenseUrl: URL,
      transport: port.transport,
      template: { allowedTrackTypes: 'SD_HD', contentKeySpecs: [{ trackType: 'AUDIO' }] },
    });
    expect((await failure(bad)).code).toBe('LICENSE_TEMPLATE_INVALID');
    expect(port.calls).toHaveLength(0);
    const good = widevineProxyTransport({
      licenseUrl: URL,
      transport: port.transport,
      template: { provider: 'legato' },
    });
    expect(await firstValueFrom(good(challenge, { kind: 'license-request' }))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    expect(JSON.parse(String(port.calls[0]?.init.body))).toEqual({
      payload: 'AQID',
      provider: 'legato',
    });
  });

  it('widevineProxyTransport treats a status other than OK as an invalid response', async () => {
    const port = fetchPort(new Response(JSON.stringify({ status: 'SIGNATURE_FAILURE' })));
    const error = await failure(
      widevineProxyTransport({ licenseUrl: URL, transport: port.transport }),
    );
    expect(error.code).toBe('LICENSE_RESPONSE_INVALID');
    expect(error.message).toContain('SIGNATURE_FAILURE');
  });

  it('rawLicenseTransport posts bytes and refuses an empty license', async () => {
    const port = fetchPort(new Response(new Uint8Array([9, 9])), new Response(new Uint8Array(0)));
    const raw = rawLicenseTransport({ licenseUrl: URL, transport: port.transport });
    expect(await firstValueFrom(raw(challenge, { kind: 'license-request' }))).toEqual(
      new Uint8Array([9, 9]),
    );
    expect(port.calls[0]?.init.body).toEqual(challenge);
    expect((await failure(raw)).code).toBe('LICENSE_RESPONSE_INVALID');
  });
});

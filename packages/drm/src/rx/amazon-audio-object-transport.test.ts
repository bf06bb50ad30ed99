import { type AudioObjectTransportOptions, requestAudioObject$ } from '@legato/drm';
import { isLegatoError, type LegatoError } from '@legato/errors';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fetchPort, recordingScheduler } from '../_test/fetch-port.js';

const TOKEN = 'Atza|secret-token';
const FRESH = 'Atza|fresh-token';
const API = 'https://api.music.example/v1/tracks/B00MAZ814K/audio?sig=abc';
const SEGMENT_TOKEN = 'cdn-secret-42';

const audioObject = {
  playbackInformation: {
    url: 'https://cdn.example/DashDrm.mpd?dmid=1&hd=true',
    protocol: 'DASH',
    format: 'ENCRYPTED_OPUS_FLAC',
    licenseHeaders: {
      'x-amz-music-asin': 'B00MAZ814K',
      'x-amz-music-customer-id': 'A2UVA8V9BOYUMQ',
    },
    audioSegmentHeaders: { 'x-amz-music-stream-token': SEGMENT_TOKEN },
    progressMilliseconds: 42_000,
  },
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

function setup(
  port: ReturnType<typeof fetchPort>,
  over: Partial<AudioObjectTransportOptions> = {},
) {
  const scheduler = recordingScheduler(5_000_000);
  const asked: boolean[] = [];
  const options: AudioObjectTransportOptions = {
    getToken: ({ forceRefresh }) => {
      asked.push(forceRefresh);
      return forceRefresh ? FRESH : TOKEN;
    },
    capability: { qualities: ['SD', 'HD'] },
    transport: port.transport,
    scheduler,
    timeoutMs: 60_000,
    rng: () => 0.5,
    ...over,
  };
  return { scheduler, asked, run: () => firstValueFrom(requestAudioObject$(API, options)) };
}

const headersOf = (port: ReturnType<typeof fetchPort>, i: number) => ({
  ...(port.calls[i]?.init.headers as Record<string, string>),
});

async function failure(run: () => Promise<unknown>): Promise<LegatoError<string>> {
  try {
    await run();
  } catch (error) {
    if (isLegatoError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Nothing secret in what an error shows (message, details, the causes' messages). */
function shown(error: LegatoError<string>): string {
  const parts = [error.message, JSON.stringify(error.details ?? {})];
  let cause = error.cause;
  while (cause instanceof Error) {
    parts.push(cause.message);
    cause = cause.cause;
  }
  return parts.join('\n');
}

describe('requestAudioObject$ (step 3 over a fetch port)', () => {
  it('GETs with the bearer token and both headers, and emits the validated playbackInformation', async () => {
    const port = fetchPort(json(audioObject));
    const t = setup(port, {
      capability: { qualities: ['SD', 'HD', 'UHD'], maxSampleRateHz: 96_000, maxBitDepth: 24 },
      headers: { 'X-Amzn-Device-Id': 'dev-1', 'x-amzn-audio-drmtype': 'PLAYREADY' },
      lifetimeS: 60,
    });
    const info = await t.run();
    expect(port.calls).toHaveLength(1);
    expect(port.calls[0]?.url).toBe(API);
    expect(headersOf(port, 0)).toEqual({
      'X-Amzn-Device-Id': 'dev-1',
      'X-Amzn-Audio-Device-Capability': 'SD, HD, UHD;max-sample-rate=96000;max-bit-depth=24',
      'X-Amzn-Audio-DrmType': 'WIDEVINE',
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(info).toMatchObject({
      url: audioObject.playbackInformation.url,
      audioSegmentHeaders: { 'x-amz-music-stream-token': SEGMENT_TOKEN },
      progressMs: 42_000,
      fetchedAtMs: 5_000_000,
      expiresAtMs: 5_060_000,
    });
  });

  it('401: asks for a fresh token once and retries; a second 401 is AUDIO_OBJECT_UNAUTHORIZED', async () => {
    const once = fetchPort(json('', 401), json(audioObject));
    const a = setup(once);
    expect((await a.run()).format).toBe('ENCRYPTED_OPUS_FLAC');
    expect(a.asked).toEqual([false, true]);
    expect(once.calls.map((c) => (c.init.headers as Record<string, string>).Authorization)).toEqual(
      [`Bearer ${TOKEN}`, `Bearer ${FRESH}`],
    );
    const twice = fetchPort(json('', 401), json('', 401));
    const error = await failure(setup(twice).run);
    expect(error).toMatchObject({ code: 'AUDIO_OBJECT_UNAUTHORIZED', retryable: false });
    expect(twice.calls).toHaveLength(2);
  });

  it.each([
    [400, 'AUDIO_OBJECT_BAD_REQUEST'],
    [403, 'AUDIO_OBJECT_FORBIDDEN'],
    [404, 'AUDIO_OBJECT_NOT_FOUND'],
    [410, 'AUDIO_OBJECT_BAD_REQUEST'],
  ])('%i → %s, not retried, URL redacted, no secret shown', async (status, code) => {
    const port = fetchPort(json({ message: `denied ${TOKEN}` }, status));
    const error = await failure(setup(port).run);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({
      status,
      url: 'https://api.music.example/v1/tracks/B00MAZ814K/audio?<redacted>',
    });
    expect(port.calls).toHaveLength(1);
    expect(shown(error)).not.toMatch(/secret|sig=abc/);
  });

  it('503 with Retry-After waits that long, then succeeds', async () => {
    const port = fetchPort(json('', 503, { 'Retry-After': '2' }), json(audioObject));
    const t = setup(port);
    expect((await t.run()).progressMs).toBe(42_000);
    expect(port.calls).toHaveLength(2);
    expect(t.scheduler.delays).toContain(2000);
  });

  it('5xx: bounded retries with backoff, then AUDIO_OBJECT_SERVER_ERROR (retryable)', async () => {
    const port = fetchPort(json('', 500), json('', 502), json('', 500), json('', 500));
    const t = setup(port, { maxRetries: 3, baseRetryDelayMs: 1000 });
    const error = await failure(t.run);
    expect(error).toMatchObject({ code: 'AUDIO_OBJECT_SERVER_ERROR', retryable: true });
    expect(error.details).toMatchObject({ status: 500, attempts: 4 });
    expect(port.calls).toHaveLength(4);
    // Full jitter at rng 0.5: half of 1000, 2000, 4000 ms.
    expect(t.scheduler.delays.filter((d) => d > 0 && d < 60_000)).toEqual([500, 1000, 2000]);
  });

  it('no response: AUDIO_OBJECT_NETWORK after the retries', async () => {
    const port = fetchPort(new TypeError('fetch failed'), new TypeError('fetch failed'));
    const error = await failure(setup(port, { maxRetries: 1 }).run);
    expect(error).toMatchObject({ code: 'AUDIO_OBJECT_NETWORK', retryable: true });
    expect(port.calls).toHaveLength(2);
  });

  it('a body that is not an audio object is PLAYBACK_INFO_INVALID naming the field, values never echoed', async () => {
    const bad = {
      playbackInformation: {
        ...audioObject.playbackInformation,
        audioSegmentHeaders: { 'x-amz-music-stream-token': `${SEGMENT_TOKEN}\r\nX-Evil: 1` },
      },
    };
    const error = await failure(setup(fetchPort(json(bad))).run);
    expect(error.code).toBe('PLAYBACK_INFO_INVALID');
    expect(error.message).toContain('audioSegmentHeaders.x-amz-music-stream-token');
    expect(shown(error)).not.toContain(SEGMENT_TOKEN);
    expect((await failure(setup(fetchPort(json('<html/>'))).run)).code).toBe(
      'PLAYBACK_INFO_INVALID',
    );
    const huge = json({ pad: 'x'.repeat(300_000) });
    expect((await failure(setup(fetchPort(huge), { maxResponseBytes: 1000 }).run)).code).toBe(
      'PLAYBACK_INFO_INVALID',
    );
  });

  it('refuses an http: URI, an http: playback URL and a URI off the API origin before any token goes out', async () => {
    const port = fetchPort(
      json({
        playbackInformation: {
          ...audioObject.playbackInformation,
          url: 'http://cdn.example/a.mpd',
        },
      }),
    );
    const insecure = await failure(() =>
      firstValueFrom(
        requestAudioObject$('http://api.music.example/a', {
          getToken: () => TOKEN,
          capability: 'SD',
          transport: port.transport,
        }),
      ),
    );
    expect(insecure.code).toBe('INSECURE_ORIGIN');
    const offOrigin = setup(port, { apiOrigin: 'https://other.example' });
    expect((await failure(offOrigin.run)).code).toBe('INVALID_ARGUMENT');
    expect(port.calls).toHaveLength(0);
    expect(offOrigin.asked).toEqual([]);
    expect((await failure(setup(port).run)).code).toBe('INSECURE_ORIGIN');
  });

  it('unsubscribing aborts the request in flight', async () => {
    const port = fetchPort('hang');
    const t = setup(port);
    const sub = requestAudioObject$(API, {
      getToken: () => TOKEN,
      capability: 'SD',
      transport: port.transport,
      scheduler: t.scheduler,
      timeoutMs: 60_000,
    }).subscribe();
    await new Promise((r) => setTimeout(r, 10));
    expect(port.signals[0]?.aborted).toBe(false);
    sub.unsubscribe();
    expect(port.signals[0]?.aborted).toBe(true);
  });
});

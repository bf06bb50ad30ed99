import { type AudioObjectTransportOptions, requestAudioObject$ } from '@legato/drm';
import { isLegatoError, type LegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import {
  loadFixtureTrack,
  MUSIC_API_SEGMENT_HEADERS,
  MUSIC_API_TOKEN,
  type MusicApi,
  type MusicApiOptions,
  startMusicApi,
} from '@legato/testkit';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';

// The music API over real loopback HTTP, asked through legato's own transport.
let api: MusicApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(over: Partial<MusicApiOptions> = {}): Promise<MusicApi> {
  api = await startMusicApi({
    tracks: [loadFixtureTrack('tone-a', { licenseUrl: 'http://127.0.0.1:9/license' })],
    ...over,
  });
  return api;
}

function ask(a: MusicApi, over: Partial<AudioObjectTransportOptions> = {}, trackId = 'tone-a') {
  return firstValueFrom(
    requestAudioObject$(a.audioObjectUrl(trackId), {
      getToken: () => MUSIC_API_TOKEN,
      capability: { qualities: ['SD', 'HD'] },
      allowInsecureOrigins: true,
      baseRetryDelayMs: 10,
      ...over,
    }),
  );
}

async function failure(run: Promise<unknown>): Promise<LegatoError<string>> {
  try {
    await run;
  } catch (error) {
    if (isLegatoError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const idsOf = (mpd: string) =>
  parseMpd(mpd, { baseUrl: 'http://x/m.mpd' }).periods.flatMap((p) =>
    p.adaptationSets.flatMap((s) => s.representations.map((r) => r.id)),
  );

describe('startMusicApi: audio objects over loopback', () => {
  it('HD asked for: both headers checked, a manifest without UHD, the headers and resume position vended', async () => {
    const a = await start({ progressMs: { 'tone-a': 42_000 } });
    const info = await ask(a);
    const served = await (await fetch(info.url)).text();
    expect(idsOf(served)).toEqual(['flac-44k-16', 'opus-32k', 'opus-64k']);
    expect(a.requests[0]).toMatchObject({
      status: 200,
      trackId: 'tone-a',
      capability: { qualities: ['SD', 'HD'] },
      dropped: ['flac-48k-24'],
      generation: 1,
    });
    expect(a.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer <redacted>',
      'x-amzn-audio-device-capability': 'SD, HD',
      'x-amzn-audio-drmtype': 'WIDEVINE',
    });
    expect(info).toMatchObject({
      format: 'ENCRYPTED_OPUS_FLAC',
      audioSegmentHeaders: MUSIC_API_SEGMENT_HEADERS,
      progressMs: 42_000,
    });
    expect(info.licenseHeaders['x-amz-music-asin']).toBe('B0LEGATO01');
  });

  it('filters by class and by the UHD bounds; SD only drops the FLAC adaptation set', async () => {
    const a = await start();
    const ids = async (capability: AudioObjectTransportOptions['capability']) =>
      idsOf(await (await fetch((await ask(a, { capability })).url)).text());
    expect(await ids('SD')).toEqual(['opus-32k', 'opus-64k']);
    expect(await ids('SD, HD, UHD')).toEqual([
      'flac-44k-16',
      'flac-48k-24',
      'opus-32k',
      'opus-64k',
    ]);
    expect(await ids({ qualities: ['UHD'], maxSampleRateHz: 44_100 })).toEqual([
      'opus-32k',
      'opus-64k',
    ]);
    expect(await ids({ qualities: ['HD', 'UHD'], maxBitDepth: 16 })).toEqual([
      'flac-44k-16',
      'opus-32k',
      'opus-64k',
    ]);
    expect((await ask(a, { capability: 'SD' })).format).toBe('ENCRYPTED_OPUS');
  });

  it('refuses a bad token (401 after one refresh), a missing DRM type (400), an unknown track (404)', async () => {
    const a = await start();
    const asked: boolean[] = [];
    const unauthorized = await failure(
      ask(a, {
        getToken: ({ forceRefresh }) => {
          asked.push(forceRefresh);
          return 'stale';
        },
      }),
    );
    expect(unauthorized.code).toBe('AUDIO_OBJECT_UNAUTHORIZED');
    expect(asked).toEqual([false, true]);
    expect((await failure(ask(a, { drmType: 'PLAYREADY' }))).code).toBe('AUDIO_OBJECT_BAD_REQUEST');
    expect((await failure(ask(a, {}, 'nope'))).code).toBe('AUDIO_OBJECT_NOT_FOUND');
    const bare = await fetch(a.audioObjectUrl('tone-a'), {
      headers: { Authorization: `Bearer ${MUSIC_API_TOKEN}`, 'X-Amzn-Audio-DrmType': 'WIDEVINE' },
    });
    expect(bare.status).toBe(400);
    expect(a.requests.map((r) => r.status)).toEqual([401, 401, 400, 404, 400]);
  });

  it('scripted faults: 503 with Retry-After is retried; a broken body is PLAYBACK_INFO_INVALID', async () => {
    const a = await start({
      faults: [
        { status: 503, retryAfterS: 0 },
        { status: 200, body: 'invalid-json' },
      ],
    });
    expect((await failure(ask(a, { maxRetries: 1 }))).code).toBe('PLAYBACK_INFO_INVALID');
    expect(a.requests.map((r) => r.status)).toEqual([503, 200]);
    expect((await ask(a)).protocol).toBe('DASH');
  });

  it('the origin wants audioSegmentHeaders on media (403 without) and expires each generation after lifetimeS', async () => {
    const a = await start({ lifetimeS: 0.3 });
    const info = await ask(a);
    const media = info.url.replace('manifest.mpd', 'flac-44k-16.mp4');
    const range = { Range: 'bytes=0-99' };
    expect((await fetch(media, { headers: range })).status).toBe(403);
    expect(
      (await fetch(media, { headers: { ...range, ...info.audioSegmentHeaders } })).status,
    ).toBe(206);
    // The manifest is a signed URL: no segment headers needed.
    expect((await fetch(info.url)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(
      (await fetch(media, { headers: { ...range, ...info.audioSegmentHeaders } })).status,
    ).toBe(403);
    // A new audio object is a new generation, valid again.
    const fresh = await ask(a);
    expect(fresh.url).toContain('/g2/');
    const freshMedia = fresh.url.replace('manifest.mpd', 'flac-44k-16.mp4');
    expect(
      (await fetch(freshMedia, { headers: { ...range, ...fresh.audioSegmentHeaders } })).status,
    ).toBe(206);
  });
});

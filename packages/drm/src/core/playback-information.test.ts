import { parsePlaybackInformation, refreshDueAtMs } from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';

/** The guide's example audio object. */
const audioObject = {
  playbackInformation: {
    url: 'https://d17vo8z6jop21h.cloudfront.net.rproxy.goskope.com/api/DashDrm.mpd?dmid=240828769&ld=true&drm=wv&r=375bb69b',
    protocol: 'DASH',
    format: 'ENCRYPTED_OPUS_FLAC',
    licenseHeaders: {
      'x-amz-music-rid': '375bb69b-2c43-4d27-a37c-6aa4863e73be',
      'x-amz-music-asin': 'B00MAZ814K',
      'x-amz-target':
        'com.amazon.digitalmusiclocator.DigitalMusicLocatorServiceExternal.getLicenseForPlaybackV3',
      'x-amz-music-device-type': 'A3PMWP4IZPXWSV',
      'x-amz-music-device-id': 'amzn1.application.a746b317e5634bbeb165167e9114cbc6.A2UVA8V9BOYUMQ',
      'x-amz-music-customer-id': 'A2UVA8V9BOYUMQ',
      'x-amz-music-drm-type': 'WIDEVINE',
    },
    progressMilliseconds: null,
  },
};

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isLegatoError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a LegatoError');
}

describe('parsePlaybackInformation', () => {
  it('reads the guide example and expires it 3600 s after fetching', () => {
    const info = parsePlaybackInformation(JSON.stringify(audioObject), 1_000_000);
    expect(info).toMatchObject({
      protocol: 'DASH',
      format: 'ENCRYPTED_OPUS_FLAC',
      progressMs: undefined,
      fetchedAtMs: 1_000_000,
      expiresAtMs: 1_000_000 + 3_600_000,
    });
    expect(info.licenseHeaders['x-amz-music-asin']).toBe('B00MAZ814K');
    expect(Object.keys(info.licenseHeaders)).toHaveLength(7);
  });

  it('reads audioSegmentHeaders ({} when absent or null) and validates them like licenseHeaders', () => {
    expect(parsePlaybackInformation(audioObject, 0).audioSegmentHeaders).toEqual({});
    const base = audioObject.playbackInformation;
    expect(
      parsePlaybackInformation({ ...base, audioSegmentHeaders: null }, 0).audioSegmentHeaders,
    ).toEqual({});
    const info = parsePlaybackInformation(
      { ...base, audioSegmentHeaders: { 'x-amz-music-stream-token': 'cdn-secret' } },
      0,
      { lifetimeS: 45 },
    );
    expect(info.audioSegmentHeaders).toEqual({ 'x-amz-music-stream-token': 'cdn-secret' });
    expect(info.expiresAtMs).toBe(45_000);
    const bad = failure(() =>
      parsePlaybackInformation({ ...base, audioSegmentHeaders: { 'x-t': 'cdn-secret\nX: 1' } }, 0),
    );
    expect(bad.code).toBe('PLAYBACK_INFO_INVALID');
    expect(bad.message).toContain('audioSegmentHeaders.x-t');
    expect(bad.message).not.toContain('cdn-secret');
    expect(
      failure(() => parsePlaybackInformation({ ...base, audioSegmentHeaders: [] }, 0)).message,
    ).toContain('playbackInformation.audioSegmentHeaders: expected an object');
    expect(failure(() => parsePlaybackInformation(base, 0, { lifetimeS: 0 })).code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('reads progressMilliseconds', () => {
    const info = parsePlaybackInformation(
      { ...audioObject.playbackInformation, progressMilliseconds: 42_000 },
      0,
    );
    expect(info.progressMs).toBe(42_000);
  });

  it('refreshes marginS before expiry, never before fetching', () => {
    const info = parsePlaybackInformation(audioObject, 0);
    expect(refreshDueAtMs(info, 300)).toBe(3_300_000);
    expect(refreshDueAtMs(info, 7200)).toBe(0);
  });

  it.each([
    [
      'url',
      { ...audioObject.playbackInformation, url: 42 },
      'playbackInformation.url: expected a non-empty string, received number',
    ],
    [
      'licenseHeaders',
      { ...audioObject.playbackInformation, licenseHeaders: [] },
      'playbackInformation.licenseHeaders: expected an object',
    ],
    [
      'format',
      { ...audioObject.playbackInformation, format: '' },
      'playbackInformation.format: expected a non-empty string',
    ],
    [
      'progress',
      { ...audioObject.playbackInformation, progressMilliseconds: -1 },
      'playbackInformation.progressMilliseconds',
    ],
  ])('rejects a bad %s with PLAYBACK_INFO_INVALID', (_name, json, message) => {
    const error = failure(() => parsePlaybackInformation(json, 0));
    expect(error.code).toBe('PLAYBACK_INFO_INVALID');
    expect(error.message).toContain(message);
  });

  it('never echoes header values (customer and device ids) in errors', () => {
    const json = {
      ...audioObject.playbackInformation,
      licenseHeaders: {
        ...audioObject.playbackInformation.licenseHeaders,
        'x-amz-music-customer-id': 'A2UVA8V9BOYUMQ\r\nX-Evil: 1',
      },
    };
    const error = failure(() => parsePlaybackInformation(json, 0));
    expect(error.code).toBe('PLAYBACK_INFO_INVALID');
    expect(error.message).toContain('licenseHeaders.x-amz-music-customer-id');
    expect(error.message).not.toContain('A2UVA8V9BOYUMQ');
  });

  it('refuses an http: manifest URL unless allowInsecureOrigins', () => {
    const json = { ...audioObject.playbackInformation, url: 'http://127.0.0.1:8080/a.mpd' };
    expect(failure(() => parsePlaybackInformation(json, 0)).code).toBe('INSECURE_ORIGIN');
    expect(parsePlaybackInformation(json, 0, { allowInsecureOrigins: true }).url).toBe(
      'http://127.0.0.1:8080/a.mpd',
    );
  });
});

import { fc, test } from '@fast-check/vitest';
import {
  AUDIO_QUALITY_ORDER,
  type AudioDeviceCapability,
  type AudioQuality,
  audioDeviceCapabilityFor,
  buildAudioObjectHeaders,
  classifyAudioObjectStatus,
  formatAudioDeviceCapability,
  parseAudioDeviceCapability,
} from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';

describe('X-Amzn-Audio-Device-Capability', () => {
  it('builds the request from what the device can output and decode', () => {
    expect(audioDeviceCapabilityFor({ maxTrackType: 'SD' })).toEqual({ qualities: ['SD'] });
    expect(audioDeviceCapabilityFor({ maxTrackType: 'HD' })).toEqual({ qualities: ['SD', 'HD'] });
    expect(
      audioDeviceCapabilityFor({ maxTrackType: 'UHD', maxSampleRateHz: 96_000, maxBitDepth: 24 }),
    ).toEqual({ qualities: ['SD', 'HD', 'UHD'], maxSampleRateHz: 96_000, maxBitDepth: 24 });
    // 16 bit / 44.1 kHz output: UHD would bring nothing the DAC can render.
    expect(
      audioDeviceCapabilityFor({ maxTrackType: 'UHD', maxSampleRateHz: 44_100, maxBitDepth: 16 }),
    ).toEqual({ qualities: ['SD', 'HD'] });
    // A 32 kHz output cannot render 44.1 kHz FLAC at all.
    expect(
      audioDeviceCapabilityFor({ maxTrackType: 'UHD', maxSampleRateHz: 32_000 }).qualities,
    ).toEqual(['SD']);
    // Spatial needs the codec; no FLAC decoder means no lossless.
    expect(
      audioDeviceCapabilityFor({ supportedCodecs: ['opus', 'flac', 'ec-3'] }).qualities,
    ).toEqual(['SD', 'HD', 'UHD', 'ATMOS']);
    expect(audioDeviceCapabilityFor({ supportedCodecs: ['Opus', 'mhm1.0x0d'] }).qualities).toEqual([
      'SD',
      '360RA',
    ]);
    expect(audioDeviceCapabilityFor().qualities).toEqual(AUDIO_QUALITY_ORDER);
  });

  it('writes the documented encoding: canonical order, SD always, UHD bounds as parameters', () => {
    expect(formatAudioDeviceCapability({ qualities: ['HD'] })).toBe('SD, HD');
    expect(
      formatAudioDeviceCapability({
        qualities: ['360RA', 'UHD', 'SD', 'HD'],
        maxSampleRateHz: 192_000,
        maxBitDepth: 24,
      }),
    ).toBe('SD, HD, UHD;max-sample-rate=192000;max-bit-depth=24, 360RA');
    const bad = () => formatAudioDeviceCapability({ qualities: ['FM' as AudioQuality] });
    expect(bad).toThrow(/expected SD \| HD \| UHD \| ATMOS \| 360RA, received 'FM'/);
    expect(() => formatAudioDeviceCapability({ qualities: ['UHD'], maxBitDepth: 0 })).toThrow(
      /maxBitDepth: expected a positive integer, received 0/,
    );
  });

  it('reads headers tolerantly: case, spaces, unknown classes and parameters are listed, not fatal', () => {
    expect(parseAudioDeviceCapability('hd ,uhd; MAX-BIT-DEPTH=24 ; dolby=1, FM')).toEqual({
      qualities: ['SD', 'HD', 'UHD'],
      maxBitDepth: 24,
      ignored: ['uhd;dolby', 'FM'],
    });
    expect(() => parseAudioDeviceCapability('')).toThrow(/expected 1\.\.1024 characters/);
    expect(() => parseAudioDeviceCapability('UHD;max-sample-rate=lots')).toThrow(
      /UHD;max-sample-rate expected a positive integer, received 'lots'/,
    );
  });

  const capability = fc.record(
    {
      qualities: fc.subarray([...AUDIO_QUALITY_ORDER]),
      maxSampleRateHz: fc.integer({ min: 1, max: 999_999_999 }),
      maxBitDepth: fc.integer({ min: 1, max: 64 }),
    },
    { requiredKeys: ['qualities'] },
  );

  test.prop([capability])('parse(format(c)) gives c back (SD added, bounds kept with UHD)', (c) => {
    const back = parseAudioDeviceCapability(formatAudioDeviceCapability(c));
    const qualities = AUDIO_QUALITY_ORDER.filter((q) => q === 'SD' || c.qualities.includes(q));
    const uhd = qualities.includes('UHD');
    const expected: AudioDeviceCapability & { ignored: string[] } = {
      qualities,
      ...(uhd && c.maxSampleRateHz !== undefined ? { maxSampleRateHz: c.maxSampleRateHz } : {}),
      ...(uhd && c.maxBitDepth !== undefined ? { maxBitDepth: c.maxBitDepth } : {}),
      ignored: [],
    };
    expect(back).toEqual(expected);
  });

  test.prop([fc.string({ maxLength: 2000 })])(
    'parsing any text returns or throws a LegatoError',
    (text) => {
      try {
        const c = parseAudioDeviceCapability(text);
        expect(c.qualities[0]).toBe('SD');
      } catch (error) {
        expect(isLegatoError(error)).toBe(true);
      }
    },
  );
});

describe('audio object request headers and statuses', () => {
  it('the capability and DRM type win over extras of any spelling; Authorization is not an extra', () => {
    expect(
      buildAudioObjectHeaders({
        capability: { qualities: ['HD'] },
        headers: { 'X-AMZN-AUDIO-DEVICE-CAPABILITY': 'UHD', 'Accept-Language': 'en-US' },
      }),
    ).toEqual({
      'Accept-Language': 'en-US',
      'X-Amzn-Audio-Device-Capability': 'SD, HD',
      'X-Amzn-Audio-DrmType': 'WIDEVINE',
    });
    expect(() =>
      buildAudioObjectHeaders({ capability: 'SD', headers: { authorization: 'Bearer x' } }),
    ).toThrow(/other than Authorization/);
    expect(() =>
      buildAudioObjectHeaders({ capability: 'SD', headers: { 'X-Id': 'a\r\nb: secret' } }),
    ).toThrow(
      /^audio object headers\.X-Id: expected a non-empty single-line value, received another$/,
    );
  });

  it('maps statuses to codes', () => {
    expect(
      [400, 401, 403, 404, 408, 429, 500, 503, 418].map((s) => [
        s,
        classifyAudioObjectStatus(s).code,
        classifyAudioObjectStatus(s).retryable,
      ]),
    ).toEqual([
      [400, 'AUDIO_OBJECT_BAD_REQUEST', false],
      [401, 'AUDIO_OBJECT_UNAUTHORIZED', false],
      [403, 'AUDIO_OBJECT_FORBIDDEN', false],
      [404, 'AUDIO_OBJECT_NOT_FOUND', false],
      [408, 'AUDIO_OBJECT_SERVER_ERROR', true],
      [429, 'AUDIO_OBJECT_SERVER_ERROR', true],
      [500, 'AUDIO_OBJECT_SERVER_ERROR', true],
      [503, 'AUDIO_OBJECT_SERVER_ERROR', true],
      [418, 'AUDIO_OBJECT_BAD_REQUEST', false],
    ]);
  });
});

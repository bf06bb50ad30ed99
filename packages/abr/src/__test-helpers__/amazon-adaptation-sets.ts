import type { AdaptationSetLike, RepresentationLike } from '../core/adaptation-set-like.js';

function rep(
  id: string,
  bandwidth: number,
  codecs: string,
  extra: Partial<RepresentationLike> = {},
): RepresentationLike {
  return { id, bandwidth, codecs, mimeType: 'audio/mp4', ...extra };
}

/**
 * The audio adaptation sets of an Amazon-style manifest (see the playback/DRM seed): Opus
 * 64/128/320 kb/s (SD), FLAC 16/44.1 (HD), FLAC 24/48, 24/96, 24/192 (UHD), all switchable,
 * and a spatial ec-3 set outside the switching group.
 */
export function amazonAdaptationSets(): AdaptationSetLike[] {
  return [
    {
      id: 'opus',
      contentType: 'audio',
      mimeType: 'audio/mp4',
      codecs: 'opus',
      selectionPriority: 1,
      switchableWith: ['flac-hd', 'flac-uhd'],
      trackType: 'SD',
      representations: [
        rep('opus-320', 320_000, 'opus', { audioSamplingRate: 48_000, channels: 2 }),
        rep('opus-64', 64_000, 'opus', { audioSamplingRate: 48_000, channels: 2 }),
        rep('opus-128', 128_000, 'opus', { audioSamplingRate: 48_000, channels: 2 }),
      ],
    },
    {
      id: 'flac-hd',
      contentType: 'audio',
      mimeType: 'audio/mp4',
      codecs: 'flac',
      selectionPriority: 2,
      switchableWith: ['opus', 'flac-uhd'],
      trackType: 'HD',
      representations: [
        rep('flac-16-44', 900_000, 'flac', {
          audioSamplingRate: 44_100,
          bitDepth: 16,
          channels: 2,
        }),
      ],
    },
    {
      id: 'flac-uhd',
      contentType: 'audio',
      mimeType: 'audio/mp4',
      codecs: 'flac',
      selectionPriority: 3,
      switchableWith: ['opus', 'flac-hd'],
      trackType: 'UHD',
      representations: [
        rep('flac-24-48', 2_000_000, 'flac', {
          audioSamplingRate: 48_000,
          bitDepth: 24,
          channels: 2,
        }),
        rep('flac-24-96', 4_000_000, 'flac', {
          audioSamplingRate: 96_000,
          bitDepth: 24,
          channels: 2,
        }),
        rep('flac-24-192', 8_000_000, 'flac', {
          audioSamplingRate: 192_000,
          bitDepth: 24,
          channels: 2,
        }),
      ],
    },
    {
      id: 'atmos',
      contentType: 'audio',
      mimeType: 'audio/mp4',
      codecs: 'ec-3',
      selectionPriority: 0,
      switchableWith: [],
      trackType: '3D',
      representations: [
        rep('ec3-768', 768_000, 'ec-3', { audioSamplingRate: 48_000, channels: 6 }),
      ],
    },
  ];
}

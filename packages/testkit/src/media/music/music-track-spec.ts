import type { Rendition } from '../packager/encode-fragmented-mp4.js';

/** How the music track is generated; its hash names the cache folder. */
export const MUSIC_TRACK_SPEC = {
  trackId: 'music',
  /** Bumped whenever the synthesis or the mastering changes, so old caches are not reused. */
  generatorVersion: 1,
  kid: '6c65676174306d757369633030303033',
  key: '9e8d7c6b5a4938271605f4e3d2c1b0a9',
  seed: 1,
  durationS: 90,
  segmentDurationS: 10,
  clearLeadS: 30,
  /** The master: rendered at 48 kHz, resampled to 192 kHz, a −80 dBFS stereo hiss bed, 24-bit FLAC. */
  masterRateHz: 192_000,
  hissAmplitude: 0.0001,
  /** Amazon Music's ladder: Opus SD, FLAC HD (16/44.1) and Ultra HD (24/48 … 24/192), stereo. */
  renditions: [
    { codec: 'opus', bitrateBitsPerSecond: 64_000, channelCount: 2 },
    { codec: 'opus', bitrateBitsPerSecond: 128_000, channelCount: 2 },
    { codec: 'opus', bitrateBitsPerSecond: 320_000, channelCount: 2 },
    { codec: 'flac', sampleRateHz: 44_100, bitDepth: 16, channelCount: 2 },
    { codec: 'flac', sampleRateHz: 48_000, bitDepth: 24, channelCount: 2 },
    { codec: 'flac', sampleRateHz: 96_000, bitDepth: 24, channelCount: 2 },
    { codec: 'flac', sampleRateHz: 192_000, bitDepth: 24, channelCount: 2 },
  ] satisfies readonly Rendition[],
} as const;

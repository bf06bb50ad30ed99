// The loopback music API area of @legato/testkit. Explicit export list.
export {
  type AudioObjectCheck,
  checkAudioObjectRequest,
} from './check-audio-object-request.js';
export { type FilteredManifest, filterManifest } from './filter-manifest.js';
export type {
  MusicApi,
  MusicApiFault,
  MusicApiOptions,
  MusicApiRequest,
  MusicApiTrack,
} from './music-api-options.js';
export { MUSIC_API_SEGMENT_HEADERS, MUSIC_API_TOKEN, startMusicApi } from './start-music-api.js';

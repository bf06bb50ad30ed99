// The generated music track of @legato/testkit: a synthetic stereo piece packaged as Amazon's
// Opus + FLAC HD/UHD ladder, generated with ffmpeg and cached. Explicit export list.
export { type EnsureMusicTrackOptions, ensureMusicTrack } from './ensure-music-track.js';
export { MUSIC_TRACK_SPEC } from './music-track-spec.js';
export { type MusicPcm, type RenderMusicOptions, renderMusicPcm } from './render-music-pcm.js';

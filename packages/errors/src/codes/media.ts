import { defineCodes } from './define-codes.js';

/** Codes of `@legato/buffer`, `@legato/engine` and media sinks. */
export const mediaCodes = defineCodes({
  SINK_APPEND_FAILED: { retryable: false, description: 'The media sink rejected an append.' },
  SINK_QUOTA_EXCEEDED: { retryable: true, description: 'The sink is full; evict and retry.' },
  SINK_SEGMENT_TOO_LARGE: {
    retryable: false,
    description:
      'One segment does not fit in the sink even with almost nothing else buffered (e.g. a FLAC 24/192 rung over a 12 MiB SourceBuffer quota): choose a lower rung (maxBitsPerSecond) or a sink with a larger quota.',
  },
  ENGINE_NO_PLAYABLE_REPRESENTATION: {
    retryable: false,
    description: 'No representation matches the device capabilities and preferences.',
  },
  ENGINE_STATE: {
    retryable: false,
    description: "A call is not valid in the engine's current state.",
  },
  ENGINE_MANIFEST_CHANGED: {
    retryable: false,
    description:
      'A refreshed manifest no longer holds the representation or segment in use (or has no init segment for it).',
  },
  ENGINE_STALLED: {
    retryable: true,
    description:
      'Playback made no progress (starting, rebuffering, waiting for a key, or a playhead frozen while playing) past the watchdog limit, and every configured recovery was tried.',
  },
  TRACE_INVALID: { retryable: false, description: 'A network trace file is malformed.' },
  PACKAGER_FAILED: {
    retryable: false,
    description: 'The CENC packager or its ffmpeg step failed.',
  },
});

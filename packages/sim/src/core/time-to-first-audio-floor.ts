import { deliveryEndMs } from './bytes-deliverable.js';
import type { SimTrack } from './sim-track.js';
import { latencyAt } from './throughput-at.js';
import type { Trace } from './trace.js';

/** Options of {@link timeToFirstAudioFloorS}. */
export interface TimeToFirstAudioFloorOptions {
  readonly track: SimTrack;
  readonly trace: Trace;
  /** Media needed to start playback, s. */
  readonly startupS: number;
  /** Manifest size, bytes (0: no manifest request). */
  readonly manifestBytes: number;
  /** Where in the trace the session starts, ms. */
  readonly traceOffsetMs: number;
}

/**
 * The floor of time to first audio on a trace, s: fetch the manifest, then the lowest rung's init
 * segment and its first segments (init and segment 0 in one request when their byte ranges are
 * adjacent) until `startupS` of media is buffered — one request at a time, each paying the
 * trace's latency. No policy can start playback sooner (the license is not counted).
 *
 * @example
 * ```ts
 * timeToFirstAudioFloorS({ track, trace, startupS: 2, manifestBytes: 9_623, traceOffsetMs: 0 });
 * ```
 */
export function timeToFirstAudioFloorS(o: TimeToFirstAudioFloorOptions): number {
  const { trace, track } = o;
  let atMs = 0;
  const request = (bytes: number) => {
    const firstByteMs = atMs + latencyAt(trace, o.traceOffsetMs + atMs);
    atMs = deliveryEndMs(trace, o.traceOffsetMs + firstByteMs, bytes) - o.traceOffsetMs;
  };
  if (o.manifestBytes > 0) request(o.manifestBytes);
  const initBytes = track.initBytes?.[0] ?? 0;
  const adjacent = track.initAdjacent?.[0] ?? false;
  if (initBytes > 0 && !adjacent) request(initBytes);
  const durations = track.segmentDurationsS;
  let bufferedS = 0;
  for (let seg = 0; seg < durations.length && bufferedS < o.startupS; seg++) {
    const extra = seg === 0 && initBytes > 0 && adjacent ? initBytes : 0;
    request(track.segmentBytes[0]![seg]! + extra);
    bufferedS += durations[seg]!;
  }
  return atMs / 1000;
}

import { LegatoError } from '@legato/errors';
import { bytesDeliverable, deliveryEndMs } from '../core/bytes-deliverable.js';
import { latencyAt } from '../core/throughput-at.js';
import type { Trace } from '../core/trace.js';
import type { createPlaybackClock } from './playback-clock.js';

/** Where a request ended: delivered whole, or abandoned (and asked to go to `abandonTo`). */
export interface RequestOutcome {
  /** Wall-clock time the request was sent, ms. */
  readonly requestMs: number;
  /** Time to first byte, ms. */
  readonly firstByteMs: number;
  /** Wall-clock time it ended (last byte, or the abort), ms. */
  readonly endMs: number;
  /** Bytes received: all of them, or those before the abort. */
  readonly bytesReceived: number;
  /** The ladder index the abandon check asked for; `null` when the request completed. */
  readonly abandonTo: number | null;
}

/** What the in-flight check is told at each progress point. */
export interface ProgressPoint {
  readonly elapsedMs: number;
  readonly firstByteMs: number | null;
  readonly bytesReceived: number;
}

/** Options of {@link runRequest}. */
export interface RunRequestOptions {
  readonly trace: Trace;
  readonly offsetMs: number;
  readonly clock: ReturnType<typeof createPlaybackClock>;
  readonly bytes: number;
  readonly maxWallMs: number;
  /** Progress checks every this many ms of the request (> 0). */
  readonly progressIntervalMs: number;
  /** The policy's abandon decision at a progress point: another index, or `null`. */
  readonly check?: ((point: ProgressPoint) => number | null) | undefined;
  /**
   * Body bytes as they arrive, the engine's progress events: `deltaBytes` in the `deltaMs` since
   * the previous call (the first from the first byte, so latency is left out), at each progress
   * point before `check` (so the check sees an estimate that includes them), then at the end.
   */
  readonly onBytes?: ((deltaBytes: number, deltaMs: number, atMs: number) => void) | undefined;
}

/**
 * Sends one request now and moves the playback clock to its end: the trace's latency, then the
 * bytes at the trace's rate. With a `check` or `onBytes`, the request is paused every
 * `progressIntervalMs` (before the last byte): the bytes so far go to `onBytes`, then — when
 * bytes arrived since it was last asked, as a progress event needs — `check` is asked whether to
 * abandon it.
 */
export function runRequest(o: RunRequestOptions): RequestOutcome {
  const { trace, offsetMs, clock } = o;
  const requestMs = clock.state.wallMs;
  const firstByteMs = requestMs + latencyAt(trace, offsetMs + requestMs);
  const endMs = deliveryEndMs(trace, offsetMs + firstByteMs, o.bytes) - offsetMs;
  const { check, onBytes } = o;
  let fedBytes = 0;
  let fedAtMs = firstByteMs;
  let askedBytes = 0;
  const feed = (bytes: number, atMs: number) => {
    if (!onBytes || bytes <= fedBytes) return;
    onBytes(bytes - fedBytes, atMs - fedAtMs, offsetMs + atMs);
    fedBytes = bytes;
    fedAtMs = atMs;
  };
  if (check || onBytes) {
    for (let t = requestMs + o.progressIntervalMs; t < endMs; t += o.progressIntervalMs) {
      limit(o, t, trace);
      clock.advance(t);
      const started = t >= firstByteMs;
      const received = started ? bytesDeliverable(trace, offsetMs + firstByteMs, offsetMs + t) : 0;
      feed(Math.min(received, o.bytes), t);
      // A progress event needs new bytes (XHR / fetch, and so the engine's abandon check): a
      // stalled link asks nothing until it delivers again.
      if (!check || !(received > askedBytes)) continue;
      askedBytes = received;
      const to = check({
        elapsedMs: t - requestMs,
        firstByteMs: started ? firstByteMs - requestMs : null,
        bytesReceived: Math.min(received, o.bytes),
      });
      if (to !== null) {
        return { requestMs, firstByteMs, endMs: t, bytesReceived: received, abandonTo: to };
      }
    }
  }
  limit(o, endMs, trace);
  clock.advance(endMs);
  feed(o.bytes, endMs);
  return { requestMs, firstByteMs, endMs, bytesReceived: o.bytes, abandonTo: null };
}

function limit(o: RunRequestOptions, atMs: number, trace: Trace): void {
  if (atMs > o.maxWallMs) {
    throw new LegatoError(
      'SIM_LIMIT_EXCEEDED',
      `trace ${trace.name}: expected the session to end within maxWallS ${o.maxWallMs / 1000} s, a request would still be running at ${(atMs / 1000).toFixed(1)} s`,
    );
  }
}

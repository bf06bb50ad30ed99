import { deliveryEndMs, latencyAt, type Trace } from '@legato/sim';

/**
 * Timers fire late (≥ 1 ms, more on a loaded machine): the sender of a body up to this many wall
 * ms late for its next chunk still gets the link time it missed, else a fast-forwarded link
 * (speed 20: one wall ms is 20 ms of trace) delivers far less than its rate (measured: 3 of 8
 * Mb/s at speed 20 without it, 6–7.7 with it on a loaded 2-core machine).
 */
const CATCH_UP_WALL_MS = 10;

/** The origin's one shared bottleneck link, shaped to a trace or to a fixed rate. */
export interface ShapedLink {
  /** Replaces the trace with a fixed rate in bits per second; `undefined` goes back to the trace. */
  setThroughput(bitsPerSecond: number | undefined): void;
  /** Starts the trace over: trace time 0 is now, and earlier bookings are forgotten. */
  restartTrace(): void;
  /**
   * Wall ms until `bytes` sent now have crossed the link (0 when unshaped). Books the link.
   * `continuing`: the next chunk of a body already being sent — if its sender is up to 10 wall
   * ms late for the link (timers fire late), it gets the link time it missed. @default false
   */
  reserve(bytes: number, continuing?: boolean): number;
  /** True while a trace or a fixed rate shapes the link. */
  shaped(): boolean;
  /** Wall ms of request latency (time to first byte) for a request arriving now. */
  latencyMs(): number;
}

/**
 * Creates the link. Trace time runs `speed` times faster than wall time (a demo can play a
 * 10-minute trace in one minute); `nowMs` is the wall clock in ms since the origin started.
 * Concurrent responses share the link: each booking starts when the previous one ends.
 */
export function createShapedLink(
  trace: Trace | undefined,
  speed: number,
  nowMs: () => number,
): ShapedLink {
  let fixedBitsPerSecond: number | undefined;
  let freeAtTraceMs = 0;
  let startedAtMs = 0;
  const traceNowMs = () => (nowMs() - startedAtMs) * speed;
  return {
    setThroughput(bitsPerSecond) {
      fixedBitsPerSecond = bitsPerSecond;
      freeAtTraceMs = 0;
    },
    restartTrace() {
      startedAtMs = nowMs();
      freeAtTraceMs = 0;
    },
    shaped() {
      return fixedBitsPerSecond !== undefined || trace !== undefined;
    },
    reserve(bytes, continuing = false) {
      if (fixedBitsPerSecond === undefined && trace === undefined) return 0;
      const nowTrace = traceNowMs();
      const lateMs = nowTrace - freeAtTraceMs;
      const start =
        continuing && lateMs > 0 && lateMs <= CATCH_UP_WALL_MS * speed
          ? freeAtTraceMs
          : Math.max(nowTrace, freeAtTraceMs);
      const end =
        fixedBitsPerSecond !== undefined
          ? start + (bytes * 8 * 1000) / Math.max(1, fixedBitsPerSecond)
          : deliveryEndMs(trace!, start, bytes);
      freeAtTraceMs = end;
      return Math.max(0, end - nowTrace) / speed;
    },
    latencyMs() {
      return trace === undefined ? 0 : latencyAt(trace, traceNowMs()) / speed;
    },
  };
}

import { clockOffsetMs, serverTimeMsOf, utcTimingSource } from './core/clock-offset.js';
import type { UtcTiming } from './core/model.js';

/** Options of {@link measureClockOffsetMs}. */
export interface MeasureClockOffsetOptions {
  /**
   * Fetches `url` with `method` and resolves to the body (GET) or the `Date` header (HEAD).
   * The parser never fetches: the transport is the caller's (e.g. `@legato/fetch`).
   */
  readonly load: (url: string, method: 'GET' | 'HEAD') => Promise<string>;
  /**
   * The client clock in ms since the epoch (injected: `@legato/mpd` reads no clock itself;
   * pass `Date.now` in an app).
   */
  readonly nowMs: () => number;
}

/**
 * Measures the client clock's offset from the first `UTCTiming` that answers (in document
 * order; a failing URL moves on to the next), or null when none does. `direct` needs no
 * request: its value is compared with the clock at the time of the call.
 *
 * @example
 * ```ts
 * const offsetMs = await measureClockOffsetMs(manifest.utcTimings, { load, nowMs: Date.now });
 * const nowMs = Date.now() + (offsetMs ?? 0); // the nowMs for parseMpd's live windows
 * ```
 */
export async function measureClockOffsetMs(
  timings: readonly UtcTiming[],
  options: MeasureClockOffsetOptions,
): Promise<number | null> {
  const now = options.nowMs;
  for (const timing of timings) {
    const source = utcTimingSource(timing);
    if (source === null) continue;
    if (source.kind === 'direct') {
      const t = now();
      return clockOffsetMs(source.serverTimeMs, t, t);
    }
    for (const url of source.urls) {
      const sent = now();
      let answer: string;
      try {
        answer = await options.load(url, source.kind === 'http-head' ? 'HEAD' : 'GET');
      } catch {
        continue;
      }
      const received = now();
      const server = serverTimeMsOf(source, answer);
      if (server !== null) return clockOffsetMs(server, sent, received);
    }
  }
  return null;
}

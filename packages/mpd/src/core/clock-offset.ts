import { parseIsoDateTimeMs } from './iso-date-time.js';
import type { UtcTiming } from './model.js';

/** How one `UTCTiming` gives the server time (ISO/IEC 23009-1 §5.8.5.7). */
export type UtcTimingSource =
  /** `direct`: the value is the server time at MPD generation. */
  | { readonly kind: 'direct'; readonly serverTimeMs: number }
  /** `http-xsdate` / `http-iso`: GET one of `urls`; the body is an xs:dateTime. */
  | { readonly kind: 'http-body'; readonly urls: readonly string[] }
  /** `http-head`: HEAD one of `urls`; the `Date` response header is the time. */
  | { readonly kind: 'http-head'; readonly urls: readonly string[] };

const SCHEME = /^urn:mpeg:dash:utc:(direct|http-xsdate|http-iso|http-head):201[24]$/;

/**
 * What to do with a `UTCTiming` element, or null for schemes that need more than HTTP (NTP,
 * `http-ntp`) and malformed values. `@value` may list several URLs separated by spaces.
 */
export function utcTimingSource(timing: UtcTiming): UtcTimingSource | null {
  const m = SCHEME.exec(timing.schemeIdUri.trim());
  const value = timing.value?.trim() ?? '';
  if (m === null || value === '') return null;
  if (m[1] === 'direct') {
    const ms = parseIsoDateTimeMs(value);
    return ms === null ? null : { kind: 'direct', serverTimeMs: ms };
  }
  const urls = value.split(/\s+/);
  return m[1] === 'http-head' ? { kind: 'http-head', urls } : { kind: 'http-body', urls };
}

/**
 * The server time in a timing server's answer: the body (xs:dateTime) for `http-body`, the
 * `Date` header value (RFC 9110 IMF-fixdate) for `http-head`; null when unreadable.
 */
export function serverTimeMsOf(source: UtcTimingSource, answer: string): number | null {
  if (source.kind === 'direct') return source.serverTimeMs;
  const text = answer.trim();
  if (source.kind === 'http-body') return parseIsoDateTimeMs(text);
  const ms = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/.test(text)
    ? Date.parse(text)
    : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * How far the server clock is ahead of the client's, in ms: the server time minus the midpoint
 * of the request (sent at `sentMs`, answered at `receivedMs`, both client clock), assuming a
 * symmetric network path. Add it to the client clock to get `nowMs` for live windows.
 *
 * @example
 * ```ts
 * clockOffsetMs(10_500, 9_000, 10_000); // 1000: the server is one second ahead
 * ```
 */
export function clockOffsetMs(serverTimeMs: number, sentMs: number, receivedMs: number): number {
  return serverTimeMs - (sentMs + receivedMs) / 2;
}

/**
 * Milliseconds to wait from a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date, measured against `nowMs` (epoch ms) and capped at `maxMs`. `undefined` when the
 * header is missing or malformed; a date in the past gives 0.
 *
 * @example
 * ```ts
 * parseRetryAfterMs('120', 0, 30_000); // 30000 (capped)
 * parseRetryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.UTC(2015, 9, 21, 7, 28, 0), 60_000); // 5000
 * ```
 */
export function parseRetryAfterMs(
  value: string | null | undefined,
  nowMs: number,
  maxMs: number,
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let delayMs: number;
  if (/^\d+$/.test(text)) {
    delayMs = Number(text) * 1000;
  } else {
    // IMF-fixdate, or the obsolete RFC 850 / asctime forms; Date.parse reads all three.
    if (!/[a-z]{3}/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    delayMs = at - nowMs;
  }
  if (!Number.isFinite(delayMs)) return maxMs;
  return Math.min(Math.max(0, delayMs), maxMs);
}

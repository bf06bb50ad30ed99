const DATE_TIME = /^(-?\d{4,6})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?)(Z|[+-]\d\d:?\d\d)?$/;

/**
 * Parses an xs:dateTime (`2026-11-23T10:00:00Z`) into milliseconds since the Unix epoch; a
 * value without a zone is taken as UTC, as DASH players do. Null when malformed.
 *
 * @example
 * ```ts
 * parseIsoDateTimeMs('1970-01-01T00:01:00Z'); // 60000
 * ```
 */
export function parseIsoDateTimeMs(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 24 || minute > 59 || second >= 61) return null;
  const wholeS = Math.floor(second);
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, wholeS) + (second - wholeS) * 1000;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    ms -= sign * offsetMin * 60_000;
  }
  return Number.isFinite(ms) ? ms : null;
}

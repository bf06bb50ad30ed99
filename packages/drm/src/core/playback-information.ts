import { LegatoError } from '@legato/errors';

/** How long the API's playback URL and license headers stay valid, seconds (the guide: 1 h). */
export const PLAYBACK_INFO_LIFETIME_S = 3600;

/** The Amazon Music API's `playbackInformation`, validated, with its expiry. */
export interface PlaybackInformation {
  /** The MPD URL (its query string carries request parameters: never log it whole). */
  readonly url: string;
  /** Streaming protocol, e.g. `DASH`. */
  readonly protocol: string;
  /** Delivery format, e.g. `ENCRYPTED_OPUS_FLAC`. */
  readonly format: string;
  /** Headers to send with every license request (`x-amz-music-*`, `x-amz-target`). */
  readonly licenseHeaders: Readonly<Record<string, string>>;
  /**
   * Headers to send with every audio segment request (the guide: "while requesting the audio
   * segments, pass the headers in `audioSegmentHeaders`"); `{}` when the API sent none. Never
   * sent to the license server, never logged or echoed in errors.
   */
  readonly audioSegmentHeaders: Readonly<Record<string, string>>;
  /** Where to resume playback, ms; `undefined` when the API sent `null` or nothing. */
  readonly progressMs: number | undefined;
  /** When this object was fetched (epoch ms). */
  readonly fetchedAtMs: number;
  /** When the URL and headers expire: `fetchedAtMs` + `lifetimeS` (3600 s). */
  readonly expiresAtMs: number;
}

/** Options of {@link parsePlaybackInformation}. */
export interface ParsePlaybackInformationOptions {
  /** Accept an `http:` URL (loopback tests only). @default false */
  readonly allowInsecureOrigins?: boolean;
  /** How long the URL and headers stay valid, seconds (tests scale it down). @default 3600 */
  readonly lifetimeS?: number;
}

/** Largest JSON text accepted, in characters. */
const MAX_CHARS = 256 * 1024;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function invalid(message: string, field: string): LegatoError {
  return new LegatoError('PLAYBACK_INFO_INVALID', `playbackInformation.${field}: ${message}`, {
    details: { field },
  });
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function text(json: Record<string, unknown>, field: string): string {
  const value = json[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(`expected a non-empty string, received ${typeOf(value)}`, field);
  }
  return value;
}

/** A header dictionary of the object: RFC 9110 names, single-line values (never echoed). */
function headerMap(info: Record<string, unknown>, field: string): Record<string, string> {
  const headers = info[field];
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw invalid(
      `expected an object of header names to strings, received ${typeOf(headers)}`,
      field,
    );
  }
  const out: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw invalid(
        'expected HTTP header names (RFC 9110 tokens), received a name with other characters',
        field,
      );
    if (typeof headerValue !== 'string' || /[\r\n\0]/.test(headerValue)) {
      throw invalid(
        `expected a single-line string value, received ${typeOf(headerValue)}${typeof headerValue === 'string' ? ' with a line break' : ''}`,
        `${field}.${name}`,
      );
    }
    out[name] = headerValue;
  }
  return out;
}

/**
 * Reads `playbackInformation` (the object, an audio object holding it, or its JSON text).
 * Header values are never echoed in errors (they carry customer and device ids).
 *
 * `audioSegmentHeaders` (optional, `{}` when absent or null) is validated like `licenseHeaders`.
 *
 * @throws LegatoError `PLAYBACK_INFO_INVALID` naming the field; `INSECURE_ORIGIN` for an
 *   `http:` URL without `allowInsecureOrigins`.
 */
export function parsePlaybackInformation(
  json: unknown,
  fetchedAtMs: number,
  options: ParsePlaybackInformationOptions = {},
): PlaybackInformation {
  const lifetimeS = options.lifetimeS ?? PLAYBACK_INFO_LIFETIME_S;
  if (!(lifetimeS > 0 && Number.isFinite(lifetimeS))) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `options.lifetimeS: expected a finite number > 0, received ${lifetimeS}`,
    );
  }
  let value = json;
  if (typeof json === 'string') {
    if (json.length > MAX_CHARS)
      throw invalid(
        `expected at most ${MAX_CHARS} characters of JSON, received ${json.length}`,
        '(json)',
      );
    try {
      value = JSON.parse(json);
    } catch {
      throw invalid('expected JSON text, received text that does not parse', '(json)');
    }
  }
  if (typeof value === 'object' && value !== null && 'playbackInformation' in value) {
    value = (value as { playbackInformation: unknown }).playbackInformation;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`expected a JSON object, received ${typeOf(value)}`, '(object)');
  }
  const info = value as Record<string, unknown>;
  const url = text(info, 'url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('expected an absolute URL, received text that does not parse', 'url');
  }
  if (
    parsed.protocol !== 'https:' &&
    !(parsed.protocol === 'http:' && options.allowInsecureOrigins)
  ) {
    throw new LegatoError(
      'INSECURE_ORIGIN',
      `playbackInformation.url: expected https:, received ${parsed.protocol}`,
    );
  }
  const licenseHeaders = headerMap(info, 'licenseHeaders');
  const audioSegmentHeaders =
    info.audioSegmentHeaders === undefined || info.audioSegmentHeaders === null
      ? {}
      : headerMap(info, 'audioSegmentHeaders');
  const progress = info.progressMilliseconds;
  if (
    progress !== undefined &&
    progress !== null &&
    !(typeof progress === 'number' && Number.isFinite(progress) && progress >= 0)
  ) {
    throw invalid(
      `expected null or a non-negative number, received ${typeOf(progress)}`,
      'progressMilliseconds',
    );
  }
  return {
    url,
    protocol: text(info, 'protocol'),
    format: text(info, 'format'),
    licenseHeaders,
    audioSegmentHeaders,
    progressMs: typeof progress === 'number' ? progress : undefined,
    fetchedAtMs,
    expiresAtMs: fetchedAtMs + lifetimeS * 1000,
  };
}

/**
 * When to fetch a fresh `playbackInformation`: `marginS` before it expires (never before it
 * was fetched), so the URL and license headers never go stale mid-playback.
 */
export function refreshDueAtMs(info: PlaybackInformation, marginS: number): number {
  return Math.max(info.fetchedAtMs, info.expiresAtMs - marginS * 1000);
}

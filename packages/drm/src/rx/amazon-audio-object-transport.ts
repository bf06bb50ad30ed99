import { isLegatoError, LegatoError } from '@legato/errors';
import { checkUrlPolicy, type FetchSegmentOptions, fetchSegment$, redactUrl } from '@legato/fetch';
import {
  asyncScheduler,
  catchError,
  defer,
  filter,
  map,
  type Observable,
  switchMap,
  throwError,
} from 'rxjs';
import type { AudioDeviceCapability } from '../core/audio-device-capability.js';
import {
  buildAudioObjectHeaders,
  classifyAudioObjectStatus,
} from '../core/audio-object-request.js';
import {
  type PlaybackInformation,
  parsePlaybackInformation,
} from '../core/playback-information.js';
import type { GetToken, LicenseHttpOptions } from './license-http-options.js';

/** Options of {@link requestAudioObject$} (and the HTTP options every drm transport takes). */
export interface AudioObjectTransportOptions extends LicenseHttpOptions {
  /** The LWA bearer token, asked for on every request (`forceRefresh` after a 401). */
  readonly getToken: GetToken;
  /**
   * The qualities wanted (`audioDeviceCapabilityFor(device)`), or the header value as written.
   * Sent as `X-Amzn-Audio-Device-Capability`.
   */
  readonly capability: AudioDeviceCapability | string;
  /** `X-Amzn-Audio-DrmType`. @default 'WIDEVINE' */
  readonly drmType?: string;
  /** More request headers (`X-Amzn-Device-Id`, `Accept-Language`, `User-Agent`). @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The Music API's origin: audio object URIs elsewhere are refused, so the bearer token goes
   * only there. @default the origin of each requested URI
   */
  readonly apiOrigin?: string;
  /** How long the returned URL and headers stay valid, seconds (tests scale it). @default 3600 */
  readonly lifetimeS?: number;
}

/**
 * Step 3 of the guide: GETs the audio object at `audioObjectUrl` (the URI the API's track
 * definition gives) with `Authorization: Bearer <token>`, `X-Amzn-Audio-Device-Capability` and
 * `X-Amzn-Audio-DrmType: WIDEVINE`, and emits its validated `playbackInformation` (URL, license
 * headers, `audioSegmentHeaders`, resume position, expiry), then completes. The manifest behind
 * the URL is filtered to the qualities asked for, and may hold fewer: choose from what it holds.
 *
 * Statuses: 401 → one token refresh, then `AUDIO_OBJECT_UNAUTHORIZED`; 403
 * `AUDIO_OBJECT_FORBIDDEN`; 404 `AUDIO_OBJECT_NOT_FOUND`; other 4xx `AUDIO_OBJECT_BAD_REQUEST`;
 * 5xx / 429 / 408 retried (`maxRetries`, full-jitter backoff, `Retry-After` on 503 / 429) then
 * `AUDIO_OBJECT_SERVER_ERROR`; no response `AUDIO_OBJECT_NETWORK`; a body that is not a valid
 * audio object `PLAYBACK_INFO_INVALID`. Messages name the URL without its query, never the
 * token or a header value. Cold; unsubscribing aborts.
 *
 * @example
 * ```ts
 * const info = await firstValueFrom(requestAudioObject$(track.playbackUri, {
 *   getToken: ({ forceRefresh }) => auth.token(forceRefresh),
 *   capability: audioDeviceCapabilityFor({ maxTrackType: 'HD' }), // 'SD, HD'
 * }));
 * engine.load({ id: track.asin, playbackInformation: info });
 * ```
 */
export function requestAudioObject$(
  audioObjectUrl: string,
  options: AudioObjectTransportOptions,
): Observable<PlaybackInformation> {
  return defer(() => {
    const policy = options.allowInsecureOrigins ?? false;
    const scheduler = options.scheduler ?? asyncScheduler;
    const where = redactUrl(audioObjectUrl);
    checkUrlPolicy(audioObjectUrl, policy);
    if (options.apiOrigin !== undefined) checkApiOrigin(audioObjectUrl, options.apiOrigin, where);
    const headers = buildAudioObjectHeaders({
      capability: options.capability,
      ...(options.drmType === undefined ? {} : { drmType: options.drmType }),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    const timeoutMs = options.timeoutMs ?? 10_000;
    const maxDelayMs = options.maxRetryDelayMs ?? 30_000;
    const fetchOptions: FetchSegmentOptions = {
      scheduler,
      allowInsecureOrigins: policy,
      maxBodyBytes: options.maxResponseBytes ?? 1024 * 1024,
      retry: {
        maxAttempts: (options.maxRetries ?? 3) + 1,
        baseDelayMs: options.baseRetryDelayMs ?? 1000,
        backoffFactor: 2,
        maxDelayMs,
        maxRetryAfterMs: maxDelayMs,
      },
      timeouts: { firstByteMs: timeoutMs, stallMs: timeoutMs, totalMs: timeoutMs },
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.rng ? { rng: options.rng } : {}),
    };
    const get = (forceRefresh: boolean) =>
      defer(async () => options.getToken({ forceRefresh })).pipe(
        switchMap((token) =>
          fetchSegment$(
            {
              urls: [audioObjectUrl],
              kind: 'manifest',
              headers: { ...headers, Authorization: `Bearer ${token}` },
            },
            fetchOptions,
          ),
        ),
        filter((e) => e.type === 'complete'),
        map((e) => e.bytes),
      );
    return get(false).pipe(
      catchError((error: unknown) =>
        statusOf(error) === 401 ? get(true) : throwError(() => error),
      ),
      catchError((error: unknown) => throwError(() => toAudioObjectError(error, where))),
      map((bytes) => {
        const info = parsePlaybackInformation(new TextDecoder().decode(bytes), scheduler.now(), {
          allowInsecureOrigins: true,
          ...(options.lifetimeS === undefined ? {} : { lifetimeS: options.lifetimeS }),
        });
        checkUrlPolicy(info.url, policy);
        return info;
      }),
    );
  });
}

function checkApiOrigin(url: string, apiOrigin: string, where: string): void {
  let expected: string;
  try {
    expected = new URL(apiOrigin).origin;
  } catch {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `options.apiOrigin: expected an absolute URL, received '${redactUrl(apiOrigin)}'`,
    );
  }
  if (new URL(url).origin !== expected) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `audio object URI: expected one on ${expected} (the bearer token goes only there), received ${where}`,
    );
  }
}

function statusOf(error: unknown): number | undefined {
  const status = isLegatoError(error) ? error.details?.['status'] : undefined;
  return typeof status === 'number' && isLegatoError(error) && error.code.startsWith('FETCH_HTTP_')
    ? status
    : undefined;
}

/** Maps a fetch failure to the audio object codes; other LegatoErrors pass unchanged. */
function toAudioObjectError(error: unknown, where: string): LegatoError<string> {
  const attempts = isLegatoError(error) ? error.details?.['attempts'] : undefined;
  const details = { url: where, ...(typeof attempts === 'number' ? { attempts } : {}) };
  const status = statusOf(error);
  if (status !== undefined) {
    const failure = classifyAudioObjectStatus(status);
    return new LegatoError(
      failure.code,
      `audio object request to ${where}: expected 200, received ${status} (${failure.meaning})`,
      { retryable: failure.retryable, cause: error, details: { ...details, status } },
    );
  }
  if (isLegatoError(error)) {
    if (error.code === 'FETCH_BODY_TOO_LARGE') {
      return new LegatoError(
        'PLAYBACK_INFO_INVALID',
        `audio object from ${where}: ${error.message}`,
        {
          cause: error,
          details: { ...details, field: '(json)' },
        },
      );
    }
    if (!error.code.startsWith('FETCH_')) return error;
    return new LegatoError(
      'AUDIO_OBJECT_NETWORK',
      `audio object request to ${where}: expected a complete response, received ${error.code}`,
      { retryable: true, cause: error, details },
    );
  }
  // Only getToken can throw something else here.
  return new LegatoError(
    'AUDIO_OBJECT_UNAUTHORIZED',
    `audio object request to ${where}: expected a bearer token from getToken, it failed`,
    { cause: error, details },
  );
}

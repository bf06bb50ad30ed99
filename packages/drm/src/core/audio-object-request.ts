import { LegatoError } from '@legato/errors';
import {
  type AudioDeviceCapability,
  formatAudioDeviceCapability,
} from './audio-device-capability.js';

/** The request header naming the quality classes wanted. */
export const AUDIO_DEVICE_CAPABILITY_HEADER = 'X-Amzn-Audio-Device-Capability';
/** The request header naming the DRM system (the guide: only `WIDEVINE` today). */
export const AUDIO_DRM_TYPE_HEADER = 'X-Amzn-Audio-DrmType';

/** What {@link buildAudioObjectHeaders} needs. */
export interface AudioObjectHeaderInput {
  /** The qualities wanted, or a header value written by the integrator. */
  readonly capability: AudioDeviceCapability | string;
  /** `X-Amzn-Audio-DrmType`. @default 'WIDEVINE' */
  readonly drmType?: string;
  /** More headers (`X-Amzn-Device-Id`, `Accept-Language`, `User-Agent`…). @default {} */
  readonly headers?: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The headers of an audio object request (step 3 of the guide), without `Authorization` (the
 * transport adds the bearer token): the extra headers, then `X-Amzn-Audio-Device-Capability`
 * and `X-Amzn-Audio-DrmType`, which the extra headers cannot override.
 *
 * @throws LegatoError `INVALID_ARGUMENT` for a bad header name or a value with a line break
 *   (values are never echoed), or an `Authorization` header among the extras.
 */
export function buildAudioObjectHeaders(input: AudioObjectHeaderInput): Record<string, string> {
  const capability =
    typeof input.capability === 'string'
      ? input.capability
      : formatAudioDeviceCapability(input.capability);
  const reserved = [AUDIO_DEVICE_CAPABILITY_HEADER, AUDIO_DRM_TYPE_HEADER].map((h) =>
    h.toLowerCase(),
  );
  const out: Record<string, string> = {};
  const add = (name: string, value: string) => {
    if (!TOKEN.test(name) || name.toLowerCase() === 'authorization') {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `audio object headers: expected RFC 9110 header names other than Authorization, received '${name.slice(0, 40)}'`,
      );
    }
    if (/[\r\n\0]/.test(value) || value.trim() === '') {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `audio object headers.${name}: expected a non-empty single-line value, received another`,
      );
    }
    out[name] = value;
  };
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    // The capability and DRM type come from their own inputs, whatever the extras' spelling.
    if (!reserved.includes(name.toLowerCase())) add(name, value);
  }
  add(AUDIO_DEVICE_CAPABILITY_HEADER, capability);
  add(AUDIO_DRM_TYPE_HEADER, input.drmType ?? 'WIDEVINE');
  return out;
}

/** How an audio object response status maps to a typed failure. */
export interface AudioObjectStatusFailure {
  readonly code:
    | 'AUDIO_OBJECT_BAD_REQUEST'
    | 'AUDIO_OBJECT_UNAUTHORIZED'
    | 'AUDIO_OBJECT_FORBIDDEN'
    | 'AUDIO_OBJECT_NOT_FOUND'
    | 'AUDIO_OBJECT_SERVER_ERROR';
  /** Whether the same request may succeed later (5xx, 429, 408). */
  readonly retryable: boolean;
  /** What the status means, for the message. */
  readonly meaning: string;
}

/**
 * Classifies a non-2xx audio object status: 401 `AUDIO_OBJECT_UNAUTHORIZED` (the transport
 * refreshes the token once first), 403 `AUDIO_OBJECT_FORBIDDEN`, 404 `AUDIO_OBJECT_NOT_FOUND`,
 * 5xx / 429 / 408 `AUDIO_OBJECT_SERVER_ERROR` (retryable), any other `AUDIO_OBJECT_BAD_REQUEST`.
 */
export function classifyAudioObjectStatus(status: number): AudioObjectStatusFailure {
  if (status === 401)
    return { code: 'AUDIO_OBJECT_UNAUTHORIZED', retryable: false, meaning: 'token rejected' };
  if (status === 403)
    return {
      code: 'AUDIO_OBJECT_FORBIDDEN',
      retryable: false,
      meaning: 'customer or device not entitled',
    };
  if (status === 404)
    return { code: 'AUDIO_OBJECT_NOT_FOUND', retryable: false, meaning: 'no such track' };
  if (status >= 500 || status === 429 || status === 408)
    return { code: 'AUDIO_OBJECT_SERVER_ERROR', retryable: true, meaning: 'server error' };
  return { code: 'AUDIO_OBJECT_BAD_REQUEST', retryable: false, meaning: 'bad request' };
}

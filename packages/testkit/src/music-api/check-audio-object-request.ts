import { type AudioDeviceCapability, parseAudioDeviceCapability } from '@legato/drm';
import { isLegatoError } from '@legato/errors';

/** The verdict on an audio object request's credentials and headers. */
export type AudioObjectCheck =
  | { readonly ok: true; readonly capability: AudioDeviceCapability }
  | {
      readonly ok: false;
      readonly status: 400 | 401;
      readonly error: string;
      readonly capability: AudioDeviceCapability | undefined;
    };

/**
 * Checks what the guide requires of an audio object request: a bearer token the API accepts
 * (else 401), `X-Amzn-Audio-DrmType` listing `WIDEVINE` (else 400) and an
 * `X-Amzn-Audio-Device-Capability` that parses (else 400). `headers` have lower-case names.
 */
export function checkAudioObjectRequest(
  headers: Readonly<Record<string, string>>,
  tokens: readonly string[],
): AudioObjectCheck {
  const auth = /^Bearer (.+)$/.exec(headers.authorization ?? '');
  let capability: AudioDeviceCapability | undefined;
  let capabilityError: string | undefined;
  const header = headers['x-amzn-audio-device-capability'];
  if (header === undefined) capabilityError = 'X-Amzn-Audio-Device-Capability is required';
  else {
    try {
      const { ignored: _, ...parsed } = parseAudioDeviceCapability(header);
      capability = parsed;
    } catch (error) {
      capabilityError = isLegatoError(error) ? error.message : 'unreadable capability';
    }
  }
  if (!auth || !tokens.includes(auth[1] ?? '')) {
    return { ok: false, status: 401, error: 'invalid or missing bearer token', capability };
  }
  const drm = (headers['x-amzn-audio-drmtype'] ?? '').split(',').map((d) => d.trim().toUpperCase());
  if (!drm.includes('WIDEVINE')) {
    return { ok: false, status: 400, error: 'X-Amzn-Audio-DrmType must list WIDEVINE', capability };
  }
  if (!capability) {
    return { ok: false, status: 400, error: capabilityError ?? 'bad capability', capability };
  }
  return { ok: true, capability };
}

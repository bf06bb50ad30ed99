import { defineCodes } from './define-codes.js';

/** Codes of `@legato/drm` and the CDM adapters. */
export const drmCodes = defineCodes({
  LICENSE_BAD_REQUEST: { retryable: false, description: 'The license server answered 400.' },
  LICENSE_UNAUTHORIZED: {
    retryable: false,
    description: 'The license server answered 401 even after one token refresh.',
  },
  LICENSE_DENIED: {
    retryable: false,
    description: 'The license server answered 403: not entitled.',
  },
  LICENSE_SERVER_ERROR: {
    retryable: true,
    description: 'The license server failed (5xx) after bounded retries.',
  },
  LICENSE_NETWORK: {
    retryable: true,
    description: 'The license request failed before a response arrived, after bounded retries.',
  },
  LICENSE_TIMEOUT: {
    retryable: true,
    description: 'The license server did not answer within `timeoutMs`, after bounded retries.',
  },
  LICENSE_RESPONSE_INVALID: {
    retryable: false,
    description: 'The license response is not the expected JSON/base64 or binary form.',
  },
  LICENSE_TEMPLATE_INVALID: {
    retryable: false,
    description:
      'A Widevine license template breaks a rule of the spec; the field and rule are named.',
  },
  AUDIO_OBJECT_BAD_REQUEST: {
    retryable: false,
    description:
      'The Music API refused the audio object request (400 or another 4xx): check the capability and DRM-type headers.',
  },
  AUDIO_OBJECT_UNAUTHORIZED: {
    retryable: false,
    description: 'The Music API answered 401 even after one token refresh.',
  },
  AUDIO_OBJECT_FORBIDDEN: {
    retryable: false,
    description: 'The Music API answered 403: the customer or device may not play this track.',
  },
  AUDIO_OBJECT_NOT_FOUND: {
    retryable: false,
    description: 'The Music API answered 404: no such track (or audio object URI).',
  },
  AUDIO_OBJECT_SERVER_ERROR: {
    retryable: true,
    description: 'The Music API failed (5xx, 429, 408) after bounded retries.',
  },
  AUDIO_OBJECT_NETWORK: {
    retryable: true,
    description:
      'The audio object request got no complete response (network, timeout), after bounded retries.',
  },
  PLAYBACK_INFO_INVALID: {
    retryable: false,
    description: 'playbackInformation is missing or malformed.',
  },
  CDM_PROVISIONING_FAILED: { retryable: true, description: 'Device CDM provisioning failed.' },
  CDM_SESSION_FAILED: {
    retryable: true,
    description: 'The CDM could not create a session or request.',
  },
  CDM_KEY_NOT_USABLE: { retryable: false, description: 'A sample needs a key that is not usable.' },
  CDM_KEY_EXPIRED: {
    retryable: false,
    description:
      'The key expired and no new license came by the recovery deadline (renewal_recovery_duration_seconds or recoveryWindowS); `cause` is the last license failure.',
  },
  CDM_OUTPUT_RESTRICTED: {
    retryable: false,
    description: 'The key cannot be used on this output (HDCP / output protection).',
  },
  CDM_INTERNAL_ERROR: {
    retryable: false,
    description: 'The CDM reported an internal error for a key.',
  },
  CDM_UNSUPPORTED: {
    retryable: false,
    description: 'No supported key system / robustness / codec configuration.',
  },
});

import { defineCodes } from './define-codes.js';

/** Codes of `@legato/eme` (browser EME / MSE adapters, device CDM adapter). */
export const emeCodes = defineCodes({
  EME_UNAVAILABLE: {
    retryable: false,
    description: 'The browser has no EME (navigator.requestMediaKeySystemAccess) or MSE.',
  },
  EME_MEDIA_KEYS_FAILED: {
    retryable: false,
    description:
      'createMediaKeys or setMediaKeys failed (another MediaKeys attached, or the CDM could not start).',
  },
  EME_SERVER_CERTIFICATE_REJECTED: {
    retryable: false,
    description:
      'The CDM rejected the Widevine service certificate passed to setServerCertificate.',
  },
  EME_LICENSE_REJECTED: {
    retryable: false,
    description:
      'MediaKeySession.update rejected the license response (malformed, or for other keys).',
  },
  MSE_TYPE_UNSUPPORTED: {
    retryable: false,
    description: 'MediaSource cannot play the MIME type and codecs (isTypeSupported is false).',
  },
  MSE_SOURCE_CLOSED: {
    retryable: false,
    description:
      'The MediaSource closed or the media element failed; the sink cannot take more media.',
  },
  DEVICE_CDM_FAILED: {
    retryable: false,
    description: 'The native device CDM returned an error status; the status is in details.',
  },
});

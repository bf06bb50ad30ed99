import { defineCodes } from './define-codes.js';

/** Codes of `@legato/eme` (browser EME / MSE adapters). */
export const emeCodes = defineCodes({
  EME_UNAVAILABLE: {
    retryable: false,
    description: 'The browser has no EME (navigator.requestMediaKeySystemAccess) or MSE.',
  },
});

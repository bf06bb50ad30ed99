import { defineCodes } from './define-codes.js';

/** Codes of `@legato/isobmff`. */
export const isobmffCodes = defineCodes({
  ISOBMFF_MALFORMED: {
    retryable: false,
    description: 'A box is truncated, lies about its size, or holds fields out of range.',
  },
});

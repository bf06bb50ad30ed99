import { defineCodes } from './define-codes.js';

/** Codes of `@legato/isobmff`. */
export const isobmffCodes = defineCodes({
  ISOBMFF_MALFORMED: {
    retryable: false,
    description: 'A box is truncated, lies about its size, or holds fields out of range.',
  },
  ISOBMFF_UNSUPPORTED_SCHEME: {
    retryable: false,
    description:
      "The track's protection scheme (`schm`) is not one of the four of ISO/IEC 23001-7: cenc, cbc1, cens, cbcs.",
  },
  ISOBMFF_ENCRYPTION_MISMATCH: {
    retryable: false,
    description:
      'The sample encryption boxes disagree: IV sizes between tenc, seig, senc and saiz, sample counts between trun, senc and saiz, subsamples that do not cover their sample, or an IV the scheme cannot use.',
  },
});

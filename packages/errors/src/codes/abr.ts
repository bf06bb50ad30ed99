import { defineCodes } from './define-codes.js';

/** Codes of `@legato/bandwidth` and `@legato/abr`. */
export const abrCodes = defineCodes({
  ABR_EMPTY_LADDER: {
    retryable: false,
    description: 'No representation is left in the ladder after capability and preference caps.',
  },
  ABR_INVALID_CONFIG: {
    retryable: false,
    description:
      'An ABR controller or ladder option is out of range; the option, the expected range and the received value are named.',
  },
  BANDWIDTH_INVALID_CONFIG: {
    retryable: false,
    description:
      'A bandwidth estimator option is out of range; the option, the expected range and the received value are named.',
  },
});

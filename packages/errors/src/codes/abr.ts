import { defineCodes } from './define-codes.js';

/** Codes of `@legato/bandwidth` and `@legato/abr`. */
export const abrCodes = defineCodes({
  ABR_EMPTY_LADDER: {
    retryable: false,
    description: 'No representation is left in the ladder after capability and preference caps.',
  },
});

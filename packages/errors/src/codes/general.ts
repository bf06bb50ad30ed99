import { defineCodes } from './define-codes.js';

/** Codes shared by every package. */
export const generalCodes = defineCodes({
  INVALID_ARGUMENT: {
    retryable: false,
    description: 'An option or argument is out of its documented range; the message names it.',
  },
  ABORTED: { retryable: false, description: 'The operation was cancelled by its consumer.' },
  DEPENDENCY_MISSING: {
    retryable: false,
    description:
      'An optional peer dependency a feature needs is not installed; the message names the package to install.',
  },
  INSECURE_ORIGIN: {
    retryable: false,
    description: 'A non-HTTPS URL was used without `allowInsecureOrigins`.',
  },
});

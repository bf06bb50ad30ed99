import { defineCodes } from './define-codes.js';

/** Codes of `@legato/mpd`. */
export const mpdCodes = defineCodes({
  MPD_XML_MALFORMED: { retryable: false, description: 'The manifest is not well-formed XML.' },
  MPD_NOT_MPD: { retryable: false, description: 'The XML root element is not a DASH <MPD>.' },
  MPD_INVALID_ATTRIBUTE: {
    retryable: false,
    description:
      'An attribute has a value the DASH schema does not allow; element and attribute are named.',
  },
  MPD_TOO_LARGE: { retryable: false, description: 'The manifest exceeds the configured size cap.' },
  MPD_TOO_DEEP: {
    retryable: false,
    description: 'The XML nesting exceeds the configured depth cap.',
  },
});

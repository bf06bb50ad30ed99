import { defineCodes } from './define-codes.js';

/** Codes of `@legato/fetch` (plus the `FETCH_HTTP_<status>` family). */
export const fetchCodes = defineCodes({
  FETCH_NETWORK: {
    retryable: true,
    description: 'The transport failed before a response arrived.',
  },
  FETCH_TIMEOUT: { retryable: true, description: 'First byte, stall or total timeout elapsed.' },
  FETCH_FORBIDDEN: {
    retryable: false,
    description:
      'HTTP 403 on a media URL: playback URLs may have expired; refresh playbackInformation.',
  },
  FETCH_RANGE_MISMATCH: {
    retryable: true,
    description: 'A 206 whose Content-Range or body length does not match the requested range.',
  },
  FETCH_BODY_TRUNCATED: {
    retryable: true,
    description: 'The body ended before its declared length.',
  },
  FETCH_RANGE_NOT_SATISFIABLE: {
    retryable: false,
    description: 'HTTP 416 for the requested range.',
  },
  FETCH_RANGE_OUTSIDE_BODY: {
    retryable: false,
    description:
      'The server ignored Range and sent a full body that ends before the requested range does.',
  },
  FETCH_BODY_TOO_LARGE: {
    retryable: false,
    description: 'A body without a byte range grew past `maxBodyBytes` (hostile or wrong URL).',
  },
  FETCH_ALL_URLS_FAILED: {
    retryable: false,
    description: 'Every BaseURL alternative failed; `cause` holds the last failure.',
  },
});

/** The `FETCH_HTTP_<status>` family for HTTP statuses without a dedicated code. */
export type FetchHttpCode = `FETCH_HTTP_${number}`;

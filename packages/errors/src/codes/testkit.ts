import { defineCodes } from './define-codes.js';

/** Codes of `@legato/testkit` (packager, software CDM, sinks). */
export const testkitCodes = defineCodes({
  PACKAGER_FAILED: {
    retryable: false,
    description: 'The CENC packager or its ffmpeg step failed.',
  },
});

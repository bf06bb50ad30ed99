import { defineCodes } from './define-codes.js';

/** Codes of `@legato/testkit` (packager, software CDM, sinks, fixtures, browser harness). */
export const testkitCodes = defineCodes({
  PACKAGER_FAILED: {
    retryable: false,
    description: 'The CENC packager or its ffmpeg step failed.',
  },
  PACKAGER_INPUT_INVALID: {
    retryable: false,
    description:
      'A packager option or input file is invalid (key/KID length, codec, durations, fMP4 layout).',
  },
  FFMPEG_UNAVAILABLE: {
    retryable: false,
    description:
      'The ffmpeg executable was not found; install it (Debian: apt-get install ffmpeg).',
  },
  CDM_LICENSE_INVALID: {
    retryable: false,
    description: 'A ClearKey license, request or init data is not the W3C ClearKey JSON form.',
  },
  CDM_DECRYPT_FAILED: {
    retryable: false,
    description: 'An encrypted fragment could not be decrypted (malformed senc/saiz/trun layout).',
  },
  FIXTURE_MISSING: {
    retryable: false,
    description: 'A committed fixture file is missing; run the fixture generator script.',
  },
  BROWSER_UNAVAILABLE: {
    retryable: false,
    description:
      'Chromium is not installed while LEGATO_REQUIRE_BROWSER=1 (apt-get install chromium).',
  },
});

import { defineCodes } from './define-codes.js';

/** Codes of `@legato/sim` (traces, simulation). */
export const simCodes = defineCodes({
  TRACE_INVALID: { retryable: false, description: 'A network trace file is malformed.' },
});

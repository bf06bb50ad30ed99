import { defineCodes } from './define-codes.js';

/** Codes of `@legato/sim` (traces, simulation). */
export const simCodes = defineCodes({
  TRACE_INVALID: { retryable: false, description: 'A network trace file is malformed.' },
  SIM_POLICY_INVALID: {
    retryable: false,
    description:
      'An ABR policy under simulation returned something other than a valid ladder index (decide, abandon) or a finite delay ≥ 0 (delayS).',
  },
  SIM_LIMIT_EXCEEDED: {
    retryable: false,
    description:
      'A simulation would run past its wall-clock bound (the trace delivers too little data); raise `maxWallS` or fix the trace.',
  },
});

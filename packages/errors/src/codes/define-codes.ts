/** One entry of the error-code registry. */
export interface ErrorCodeInfo {
  /** Default `retryable` for errors with this code. */
  readonly retryable: boolean;
  /** What happened and what the integrator should do, one sentence. */
  readonly description: string;
}

/** Declares a domain's codes with literal keys preserved (identity at run time). */
/* @__NO_SIDE_EFFECTS__ */
export function defineCodes<const T extends Record<string, ErrorCodeInfo>>(codes: T): T {
  return codes;
}

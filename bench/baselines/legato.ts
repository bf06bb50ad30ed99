import type { SimPolicy } from '@legato/sim';

/**
 * legato's own algorithms as simulator policies, by report name. Filled from `@legato/abr` and
 * `@legato/bandwidth` (kept here, beside the baselines, so the bench compares like with like).
 */
export const legatoPolicies: Readonly<Record<string, (bitrates: readonly number[]) => SimPolicy>> =
  {};

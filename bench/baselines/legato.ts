import { AbrAlgorithm } from '@legato/abr';
import { createLegatoSimPolicy, type SimPolicy } from '@legato/sim';

/**
 * legato's own algorithms (`@legato/abr` controller + `@legato/bandwidth` estimator, default
 * options) as simulator policies, by report name: `legato-throughput`, `legato-bola`,
 * `legato-dynamic` (the default).
 */
export const legatoPolicies: Readonly<Record<string, (bitrates: readonly number[]) => SimPolicy>> =
  Object.fromEntries(
    Object.values(AbrAlgorithm).map((algorithm) => [
      `legato-${algorithm}`,
      (bitrates: readonly number[]) => createLegatoSimPolicy(bitrates, { algorithm }),
    ]),
  );

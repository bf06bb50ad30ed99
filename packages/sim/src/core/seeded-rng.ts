import { LegatoError } from '@legato/errors';
import { mulberry32, type Rng } from '../_internal/mulberry32.js';

export type { Rng } from '../_internal/mulberry32.js';

/**
 * A deterministic uniform random source in [0, 1) from an integer seed (mulberry32).
 *
 * @example
 * ```ts
 * const rng = createSeededRng(7);
 * rng(); // same value on every run for seed 7
 * ```
 */
export function createSeededRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new LegatoError('INVALID_ARGUMENT', `seed: expected a safe integer, received ${seed}`);
  }
  return mulberry32(seed);
}

import { LegatoError } from '@legato/errors';
import type { Ladder } from '../core/ladder.js';

/**
 * The ladder's bitrates as a `Float64Array`, checked non-empty (`ABR_EMPTY_LADDER`) and strictly
 * ascending, positive and finite (`ABR_INVALID_CONFIG`).
 */
export function ladderBitrates(ladder: Ladder): Float64Array {
  const n = ladder.rungs.length;
  if (n === 0) {
    throw new LegatoError('ABR_EMPTY_LADDER', 'expected at least one rung, received none');
  }
  const bitrates = new Float64Array(n);
  ladder.rungs.forEach((rung, i) => {
    const previous = i === 0 ? 0 : bitrates[i - 1]!;
    if (!(rung.bitsPerSecond > previous) || !Number.isFinite(rung.bitsPerSecond)) {
      throw new LegatoError(
        'ABR_INVALID_CONFIG',
        `ladder.rungs[${i}].bitsPerSecond: expected a finite number above ${previous} (strictly ascending), received ${rung.bitsPerSecond}`,
        { details: { option: 'ladder', index: i, received: String(rung.bitsPerSecond) } },
      );
    }
    bitrates[i] = rung.bitsPerSecond;
  });
  return bitrates;
}

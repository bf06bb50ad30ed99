import { LegatoError } from '@legato/errors';
import type { Ladder, LadderRung } from './ladder.js';

/**
 * Builds a ladder from bare bitrates (bits per second, strictly ascending), e.g. for simulation
 * or tests. Rungs are named `r0`, `r1`, … in one adaptation set `ladder`, class SD.
 *
 * @throws LegatoError `ABR_EMPTY_LADDER` for no bitrates, `ABR_INVALID_CONFIG` when they are not
 * positive, finite and strictly ascending.
 * @example
 * ```ts
 * const ladder = ladderFromBitrates([64_000, 128_000, 320_000, 900_000]);
 * ```
 */
export function ladderFromBitrates(bitratesBps: readonly number[]): Ladder {
  if (bitratesBps.length === 0) {
    throw new LegatoError('ABR_EMPTY_LADDER', 'expected at least one bitrate, received none');
  }
  const rungs: LadderRung[] = bitratesBps.map((bitsPerSecond, i) => {
    const previous = i === 0 ? 0 : bitratesBps[i - 1]!;
    if (!(bitsPerSecond > previous) || !Number.isFinite(bitsPerSecond)) {
      throw new LegatoError(
        'ABR_INVALID_CONFIG',
        `bitratesBps[${i}]: expected a finite number above ${previous} (strictly ascending, positive), received ${bitsPerSecond}`,
        { details: { option: 'bitratesBps', index: i, received: String(bitsPerSecond) } },
      );
    }
    return {
      representationId: `r${i}`,
      adaptationSetId: 'ladder',
      bitsPerSecond,
      codecs: '',
      mimeType: 'audio/mp4',
      trackType: 'SD',
      lossless: false,
    };
  });
  return { rungs };
}

import { LegatoError } from '@legato/errors';
import { createSimTrack, type SimTrack } from './sim-track.js';

/** Options of {@link parseSabreManifest}. */
export interface ParseSabreManifestOptions {
  /** Label for error messages. @default 'sabre manifest' */
  readonly name?: string;
  /** Quality class of a rung, from its bitrate (bits per second). @default every rung 'default' */
  readonly qualityClassOf?: (bitsPerSecond: number) => string;
}

/**
 * Parses a Sabre manifest (`{segment_duration_ms, bitrates_kbps, segment_sizes_bits}`, sizes per
 * segment then per rung, in bits) into a {@link SimTrack} with the exact segment sizes (bits / 8,
 * fractional bytes kept, as Sabre computes in bits). Throws `INVALID_ARGUMENT` naming the field.
 *
 * @example
 * ```ts
 * const track = parseSabreManifest(
 *   '{"segment_duration_ms":3000,"bitrates_kbps":[230,331],"segment_sizes_bits":[[690000,993000]]}',
 * );
 * track.segmentBytes[1]![0]; // 124_125
 * ```
 */
export function parseSabreManifest(
  text: string,
  options: ParseSabreManifestOptions = {},
): SimTrack {
  const name = options.name ?? 'sabre manifest';
  const fail = (what: string): never => {
    throw new LegatoError('INVALID_ARGUMENT', `${name}: ${what}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new LegatoError('INVALID_ARGUMENT', `${name}: expected JSON, received unparsable text`, {
      cause,
    });
  }
  const rec = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const segMs = rec['segment_duration_ms'];
  const kbps = rec['bitrates_kbps'];
  const sizes = rec['segment_sizes_bits'];
  if (!(typeof segMs === 'number' && segMs > 0)) {
    fail(`expected segment_duration_ms a number > 0, received ${JSON.stringify(segMs)}`);
  }
  if (!(Array.isArray(kbps) && kbps.length > 0 && kbps.every((k) => typeof k === 'number'))) {
    return fail('expected bitrates_kbps a non-empty array of numbers');
  }
  if (!(Array.isArray(sizes) && sizes.length > 0)) {
    return fail('expected segment_sizes_bits a non-empty array of segments');
  }
  sizes.forEach((row: unknown, i) => {
    if (
      !(Array.isArray(row) && row.length === kbps.length && row.every((b) => typeof b === 'number'))
    ) {
      fail(`segment_sizes_bits[${i}]: expected ${kbps.length} sizes in bits (one per rung)`);
    }
  });
  const rows = sizes as number[][];
  const classOf = options.qualityClassOf ?? (() => 'default');
  return createSimTrack({
    segmentDurationsS: rows.map(() => (segMs as number) / 1000),
    rungs: (kbps as number[]).map((k, r) => ({
      id: `${k}k`,
      bitsPerSecond: k * 1000,
      qualityClass: classOf(k * 1000),
      segmentBytes: rows.map((row) => row[r]! / 8),
    })),
  });
}

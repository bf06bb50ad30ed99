import { LegatoError } from '@legato/errors';

/** One representation of the simulated ladder. */
export interface SimRung {
  /** Representation id, for logs. */
  readonly id: string;
  /** Declared (nominal) bitrate, bits per second: what QoE and "average bitrate" count. */
  readonly bitsPerSecond: number;
  /** Quality class for the time-per-class report (`SD`, `HD`, `UHD`…). */
  readonly qualityClass: string;
}

/**
 * A track as the simulator sees it: an ascending ladder of rungs whose segments are aligned
 * (same count and durations on every rung), with the exact size of every segment.
 */
export interface SimTrack {
  /** Rungs in ascending bitrate order; ABR policies return indices into this array. */
  readonly rungs: readonly SimRung[];
  /** Duration of each segment, s. */
  readonly segmentDurationsS: readonly number[];
  /** `segmentBytes[rung][segment]`: size of each segment on each rung, bytes. */
  readonly segmentBytes: readonly (readonly number[])[];
  /**
   * Size of each rung's initialization segment, bytes, fetched the first time the rung is
   * used. @default none (0: no init request is modelled, as in Sabre)
   */
  readonly initBytes?: readonly number[];
  /**
   * Per rung: its init segment's byte range immediately precedes its first media segment's, so
   * the two come in one request when segment 0 is fetched there. @default false for every rung
   */
  readonly initAdjacent?: readonly boolean[];
}

/** A rung with its own segment sizes, input to {@link createSimTrack}. */
export interface SimRungInput extends SimRung {
  /** Size of each segment, bytes (one per entry of `segmentDurationsS`). */
  readonly segmentBytes: readonly number[];
  /** Size of the rung's initialization segment, bytes. @default 0 (not modelled) */
  readonly initBytes?: number;
  /** The init's byte range immediately precedes the first segment's (one request). @default false */
  readonly initAdjacent?: boolean;
}

/** Upper bound on segments per track (a 24 h track of 2 s segments). */
export const MAX_SIM_SEGMENTS = 43_200;

/**
 * Validates and builds a {@link SimTrack} from rungs with exact segment sizes (e.g. from an
 * MPD's SegmentList byte ranges). Rungs are sorted by ascending bitrate.
 *
 * @example
 * ```ts
 * const track = createSimTrack({
 *   segmentDurationsS: [10, 10],
 *   rungs: [{ id: 'opus-64', bitsPerSecond: 64_000, qualityClass: 'SD', segmentBytes: [80_000, 79_500] }],
 * });
 * ```
 */
export function createSimTrack(input: {
  readonly rungs: readonly SimRungInput[];
  readonly segmentDurationsS: readonly number[];
}): SimTrack {
  const durations = input.segmentDurationsS;
  if (durations.length === 0 || durations.length > MAX_SIM_SEGMENTS) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `segmentDurationsS: expected 1..${MAX_SIM_SEGMENTS} segments, received ${durations.length}`,
    );
  }
  durations.forEach((d, i) => {
    if (!(Number.isFinite(d) && d > 0)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `segmentDurationsS[${i}]: expected a finite number > 0, received ${d}`,
      );
    }
  });
  if (input.rungs.length === 0) {
    throw new LegatoError('INVALID_ARGUMENT', 'rungs: expected at least one rung, received none');
  }
  const rungs = [...input.rungs].sort((a, b) => a.bitsPerSecond - b.bitsPerSecond);
  for (const r of rungs) {
    if (!(Number.isFinite(r.bitsPerSecond) && r.bitsPerSecond > 0)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `rung ${r.id}: expected bitsPerSecond a finite number > 0, received ${r.bitsPerSecond}`,
      );
    }
    if (r.segmentBytes.length !== durations.length) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `rung ${r.id}: expected ${durations.length} segment sizes (one per segment), received ${r.segmentBytes.length}`,
      );
    }
    r.segmentBytes.forEach((b, i) => {
      if (!(Number.isFinite(b) && b > 0)) {
        throw new LegatoError(
          'INVALID_ARGUMENT',
          `rung ${r.id}: segmentBytes[${i}]: expected a finite number > 0, received ${b}`,
        );
      }
    });
    const init = r.initBytes ?? 0;
    if (!(Number.isFinite(init) && init >= 0)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `rung ${r.id}: expected initBytes a finite number ≥ 0, received ${init}`,
      );
    }
  }
  const withInit = rungs.some((r) => (r.initBytes ?? 0) > 0);
  return Object.freeze({
    rungs: Object.freeze(
      rungs.map((r) =>
        Object.freeze({ id: r.id, bitsPerSecond: r.bitsPerSecond, qualityClass: r.qualityClass }),
      ),
    ),
    segmentDurationsS: Object.freeze([...durations]),
    segmentBytes: Object.freeze(rungs.map((r) => Object.freeze([...r.segmentBytes]))),
    ...(withInit
      ? {
          initBytes: Object.freeze(rungs.map((r) => r.initBytes ?? 0)),
          initAdjacent: Object.freeze(rungs.map((r) => r.initAdjacent ?? false)),
        }
      : {}),
  });
}

/** Options of {@link simTrackFromBitrates}. */
export interface SimTrackFromBitratesOptions {
  /** Track length, s. @default 240 */
  readonly durationS?: number;
  /** Segment duration, s; the last segment is shorter when it does not divide the track. @default 10 */
  readonly segmentDurationS?: number;
}

/**
 * A {@link SimTrack} when only a ladder is known: every segment is `bitrate × duration / 8`
 * bytes (constant bitrate).
 *
 * @example
 * ```ts
 * const track = simTrackFromBitrates(
 *   [{ id: 'opus-128', bitsPerSecond: 128_000, qualityClass: 'SD' }],
 *   { durationS: 240, segmentDurationS: 10 },
 * );
 * track.segmentBytes[0]![0]; // 160_000
 * ```
 */
export function simTrackFromBitrates(
  rungs: readonly SimRung[],
  options: SimTrackFromBitratesOptions = {},
): SimTrack {
  const durationS = options.durationS ?? 240;
  const segS = options.segmentDurationS ?? 10;
  if (!(Number.isFinite(segS) && segS > 0)) {
    throw new LegatoError('INVALID_ARGUMENT', `segmentDurationS: expected > 0, received ${segS}`);
  }
  if (!(Number.isFinite(durationS) && durationS > 0 && durationS / segS <= MAX_SIM_SEGMENTS)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `durationS: expected > 0 and at most ${MAX_SIM_SEGMENTS} segments of ${segS} s, received ${durationS}`,
    );
  }
  const durations: number[] = [];
  for (let t = 0; t < durationS - 1e-9; t += segS) durations.push(Math.min(segS, durationS - t));
  return createSimTrack({
    segmentDurationsS: durations,
    rungs: rungs.map((r) => ({
      ...r,
      segmentBytes: durations.map((d) => Math.max(1, Math.round((r.bitsPerSecond * d) / 8))),
    })),
  });
}

import { LegatoError } from '@legato/errors';
import { type ExactInt, exactAdd } from '../_internal/exact.js';
import type {
  ByteRange,
  InitializationReference,
  SegmentAddressing,
  SegmentIndex,
  SegmentReference,
} from './model.js';
import { resolveUrl } from './resolve-url.js';
import type { SegmentTiming } from './segment-timing.js';

/** Location half of a lazy segment index. */
export interface SegmentLocator {
  /**
   * URL reference of segment `i` relative to the BaseURLs, or null for the BaseURL itself;
   * `subNumber` is its part in an `S@k` Segment Sequence (1 outside one).
   */
  path(i: number, number: ExactInt, time: ExactInt, subNumber: number): string | null;
  /** Byte range of segment `i`, or null. */
  range(i: number): ByteRange | null;
}

/** Everything {@link createSegmentIndex} combines. */
export interface SegmentIndexParts {
  readonly addressing: SegmentAddressing;
  readonly timing: SegmentTiming;
  readonly locator: SegmentLocator;
  /** Period start on the presentation timeline, seconds. */
  readonly periodStartS: number;
  /** Number of the segment at position 0 (exact above 2^53). */
  readonly firstNumber: ExactInt;
  /** Resolved BaseURL alternatives ([''] when none). */
  readonly baseUrls: readonly string[];
  readonly initialization: InitializationReference | null;
  readonly indexRange?: ByteRange | null;
  readonly index?: InitializationReference | null;
  readonly withSidx?: SegmentIndex['withSidx'];
}

/** Resolves `path` against every BaseURL alternative. */
export function resolveAll(path: string | null, baseUrls: readonly string[]): readonly string[] {
  if (path === null) return baseUrls;
  if (baseUrls.length === 1) return [resolveUrl(path, baseUrls[0]!)];
  return baseUrls.map((b) => resolveUrl(path, b));
}

/** Builds a lazy {@link SegmentIndex} from a timing and a locator. */
export function createSegmentIndex(p: SegmentIndexParts): SegmentIndex {
  const { timing, locator, periodStartS, firstNumber, baseUrls } = p;
  const ts = timing.timescale;
  const count = timing.count;
  const startS = (i: number): number => periodStartS + timing.start(i) / ts;
  const index: SegmentIndex = {
    addressing: p.addressing,
    count,
    initialization: p.initialization,
    indexRange: p.indexRange ?? null,
    index: p.index ?? null,
    get(i: number): SegmentReference {
      if (!(Number.isInteger(i) && i >= 0 && i < count)) {
        throw new LegatoError(
          'MPD_SEGMENT_OUT_OF_RANGE',
          `segment position: expected an integer in [0, ${count}), received ${i}`,
        );
      }
      const number = exactAdd(firstNumber, timing.sequence?.(i) ?? i);
      const subNumber = timing.subNumber?.(i) ?? null;
      const urls = resolveAll(
        locator.path(i, number, timing.mediaTime(i), subNumber ?? 1),
        baseUrls,
      );
      const ref: { -readonly [K in keyof SegmentReference]: SegmentReference[K] } = {
        number: Number(number),
        startS: startS(i),
        durationS: timing.duration(i) / ts,
        url: urls[0]!,
        urls,
        range: locator.range(i),
      };
      if (subNumber !== null) ref.subNumber = subNumber;
      return ref;
    },
    findByTime(timeS: number): number {
      if (count === 0 || !Number.isFinite(timeS) || timeS < startS(0)) return -1;
      // The last position starting at or before timeS: a binary search over exact integer
      // positions (count ≤ 2^53 − 1), so it ends after at most 53 steps for any count.
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = lo + Math.ceil((hi - lo) / 2);
        if (startS(mid) <= timeS) lo = mid;
        else hi = mid - 1;
      }
      if (timeS < startS(lo) + timing.duration(lo) / ts) return lo;
      return lo + 1 < count ? lo + 1 : -1;
    },
    withSidx: p.withSidx ?? (() => index),
  };
  return index;
}

import { LegatoError } from '@legato/errors';
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
  /** URL reference of segment `i` relative to the BaseURLs, or null for the BaseURL itself. */
  path(i: number, number: number, timeUnits: number): string | null;
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
  /** presentationTimeOffset in timescale units. */
  readonly ptoUnits: number;
  /** Number of the segment at position 0. */
  readonly firstNumber: number;
  /** Resolved BaseURL alternatives ([''] when none). */
  readonly baseUrls: readonly string[];
  readonly initialization: InitializationReference | null;
  readonly indexRange?: ByteRange | null;
  readonly withSidx?: (bytes: Uint8Array) => SegmentIndex;
}

/** Resolves `path` against every BaseURL alternative. */
export function resolveAll(path: string | null, baseUrls: readonly string[]): readonly string[] {
  if (path === null) return baseUrls;
  if (baseUrls.length === 1) return [resolveUrl(path, baseUrls[0]!)];
  return baseUrls.map((b) => resolveUrl(path, b));
}

/** Builds a lazy {@link SegmentIndex} from a timing and a locator. */
export function createSegmentIndex(p: SegmentIndexParts): SegmentIndex {
  const { timing, locator, periodStartS, ptoUnits, firstNumber, baseUrls } = p;
  const ts = timing.timescale;
  const count = timing.count;
  const startS = (i: number): number => periodStartS + (timing.start(i) - ptoUnits) / ts;
  const index: SegmentIndex = {
    addressing: p.addressing,
    count,
    initialization: p.initialization,
    indexRange: p.indexRange ?? null,
    get(i: number): SegmentReference {
      if (!(Number.isInteger(i) && i >= 0 && i < count)) {
        throw new LegatoError(
          'MPD_SEGMENT_OUT_OF_RANGE',
          `segment position: expected an integer in [0, ${count}), received ${i}`,
        );
      }
      const timeUnits = timing.start(i);
      const number = firstNumber + i;
      const urls = resolveAll(locator.path(i, number, timeUnits), baseUrls);
      return {
        number,
        startS: periodStartS + (timeUnits - ptoUnits) / ts,
        durationS: timing.duration(i) / ts,
        url: urls[0]!,
        urls,
        range: locator.range(i),
      };
    },
    findByTime(timeS: number): number {
      if (count === 0 || !Number.isFinite(timeS)) return -1;
      let k = timing.locate((timeS - periodStartS) * ts + ptoUnits);
      while (k + 1 < count && startS(k + 1) <= timeS) k++;
      while (k > 0 && startS(k) > timeS) k--;
      const s = startS(k);
      if (timeS < s) return -1;
      if (timeS < s + timing.duration(k) / ts) return k;
      return k + 1 < count ? k + 1 : -1;
    },
    withSidx: p.withSidx ?? (() => index),
  };
  return index;
}

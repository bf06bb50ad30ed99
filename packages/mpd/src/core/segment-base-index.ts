import { isLegatoError, LegatoError } from '@legato/errors';
import { parseSidx } from '@legato/isobmff';
import { createSegmentIndex } from './create-segment-index.js';
import type { ByteRange, InitializationReference, SegmentIndex } from './model.js';
import { createTimelineTiming } from './timeline-timing.js';

/** What a `SegmentBase` index knows before its `sidx` is loaded. */
export interface SegmentBaseParts {
  readonly initialization: InitializationReference | null;
  readonly indexRange: ByteRange | null;
  /** `SegmentBase@timescale`, used only to interpret `presentationTimeOffset`. */
  readonly timescale: number | null;
  readonly ptoUnits: number;
  readonly periodStartS: number;
  readonly baseUrls: readonly string[];
}

function sidxError(message: string, cause?: unknown): LegatoError<'MPD_SIDX_INVALID'> {
  return new LegatoError('MPD_SIDX_INVALID', message, cause === undefined ? {} : { cause });
}

function fromSidx(parts: SegmentBaseParts, bytes: Uint8Array): SegmentIndex {
  const indexRange = parts.indexRange!;
  let sidx: ReturnType<typeof parseSidx>;
  try {
    sidx = parseSidx(bytes, undefined, { fileOffset: indexRange.start });
  } catch (error) {
    if (!isLegatoError(error)) throw error;
    throw sidxError(
      `sidx bytes of indexRange ${indexRange.start}-${indexRange.end}: ${error.message}`,
      error,
    );
  }
  const refs = sidx.references;
  const n = refs.length;
  const t = new Float64Array(n);
  const d = new Float64Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ref = refs[i]!;
    if (ref.referenceType !== 0) {
      throw sidxError(
        `sidx reference ${i}: expected a media reference, received a hierarchical sidx reference`,
      );
    }
    if (ref.durationTicks <= 0 || ref.size <= 0) {
      throw sidxError(
        `sidx reference ${i}: expected a positive subsegment_duration and referenced_size, received ${ref.durationTicks} and ${ref.size}`,
      );
    }
    // Offsets are absolute: parseSidx counts first_offset from the end of the box at indexRange.start.
    t[i] = ref.startTicks;
    d[i] = ref.durationTicks;
    starts[i] = ref.offset;
    ends[i] = ref.offset + ref.size - 1;
  }
  const timescale = sidx.timescale;
  const ptoUnits =
    parts.timescale === null ? parts.ptoUnits : (parts.ptoUnits / parts.timescale) * timescale;
  const timing = createTimelineTiming({ t, d, r: new Float64Array(n) }, timescale, ptoUnits, {
    endUnits: null,
    nowUnits: null,
  });
  return createSegmentIndex({
    addressing: 'SegmentBase',
    timing,
    locator: { path: () => null, range: (i) => ({ start: starts[i]!, end: ends[i]! }) },
    periodStartS: parts.periodStartS,
    ptoUnits,
    firstNumber: 1,
    baseUrls: parts.baseUrls,
    initialization: parts.initialization,
    indexRange,
  });
}

/**
 * The index of a `SegmentBase` representation: empty until `withSidx(bytes)` is given the
 * bytes of `indexRange`. Without an `Initialization`, the initialization is taken to be every
 * byte before the `sidx` (the on-demand profile layout `ftyp moov sidx moof…`).
 */
export function createSegmentBaseIndex(parts: SegmentBaseParts): SegmentIndex {
  const range = parts.indexRange;
  const initialization =
    parts.initialization ??
    (range !== null && range.start > 0
      ? { url: parts.baseUrls[0]!, range: { start: 0, end: range.start - 1 } }
      : null);
  const full = { ...parts, initialization };
  return createSegmentIndex({
    addressing: 'SegmentBase',
    timing: { count: 0, timescale: 1, start: () => 0, duration: () => 0, locate: () => 0 },
    locator: { path: () => null, range: () => null },
    periodStartS: parts.periodStartS,
    ptoUnits: 0,
    firstNumber: 1,
    baseUrls: parts.baseUrls,
    initialization,
    indexRange: range,
    withSidx: (bytes) => {
      if (range === null) throw sidxError('withSidx: this SegmentBase has no indexRange');
      return fromSidx(full, bytes);
    },
  });
}

import { isLegatoError, LegatoError } from '@legato/errors';
import { parseSidx, type SidxReference } from '@legato/isobmff';
import { type ExactInt, exactDiff } from '../_internal/exact.js';
import { createSegmentIndex } from './create-segment-index.js';
import type { ByteRange, InitializationReference, SegmentIndex } from './model.js';
import { createTimelineTiming, throwDefect } from './timeline-timing.js';

/** What a `SegmentBase` index knows before its `sidx` is loaded. */
export interface SegmentBaseParts {
  readonly initialization: InitializationReference | null;
  /** Where the `sidx` is: `@indexRange` of the media resource, or a RepresentationIndex. */
  readonly index: InitializationReference;
  /** `SegmentBase@timescale`, used only to interpret `presentationTimeOffset`. */
  readonly timescale: number | null;
  readonly ptoUnits: ExactInt;
  readonly periodStartS: number;
  readonly periodDurationS: number | null;
  readonly baseUrls: readonly string[];
}

function sidxError(message: string, cause?: unknown): LegatoError<'MPD_SIDX_INVALID'> {
  return new LegatoError('MPD_SIDX_INVALID', message, cause === undefined ? {} : { cause });
}

function where(index: InitializationReference): string {
  return index.range === null
    ? 'the index segment'
    : `index range ${index.range.start}-${index.range.end}`;
}

/**
 * A hierarchical reference in a separate index segment (RepresentationIndex, SegmentTemplate@index)
 * is refused, not guessed: its media references are read as offsets into the media resource
 * anchored by the top box's first reference (the only anchor an index segment gives), but a
 * nested box lives in the index segment and its own first_offset counts from the end of that
 * box, in the index segment — nothing in the MPD or the boxes places a nested level's media
 * bytes in the media resource. Reading it either way could fetch wrong byte ranges with no error.
 */
function separateIndexRefused(i: number): LegatoError<'MPD_SIDX_INVALID'> {
  return new LegatoError(
    'MPD_SIDX_INVALID',
    `sidx reference ${i}: expected a media reference in a separate index segment (RepresentationIndex, SegmentTemplate@index), received a hierarchical reference (reference_type 1); a nested sidx in a separate index segment gives no offset of its media in the media resource, so its byte ranges cannot be known — put the sidx in the media resource (SegmentBase@indexRange), where hierarchical indexes are followed, or write a single-level sidx`,
    { details: { reason: 'hierarchical-sidx-in-index-segment', reference: i } },
  );
}

/** Most levels of a hierarchical sidx (ISO/IEC 14496-12 §8.16.3), and references in all. */
const MAX_SIDX_LEVELS = 8;
const MAX_SIDX_REFERENCES = 1_000_000;
/** Bytes to load for a nested sidx box (its references, not the media after it). */
export const NESTED_SIDX_BYTES = 65_536;

function parseAt(bytes: Uint8Array, fileOffset: number, what: string) {
  try {
    return parseSidx(bytes, undefined, { fileOffset });
  } catch (error) {
    if (!isLegatoError(error)) throw error;
    throw sidxError(`sidx bytes of ${what}: ${error.message}`, error);
  }
}

/**
 * The media references of the sidx in `bytes`, in order, following hierarchical references
 * (`reference_type` 1) into the nested sidx boxes given in `nested` (by absolute offset).
 * Offsets are absolute in the media resource: counted from the end of the box at
 * `range.start` when the sidx sits in the media resource; from byte 0 of the media resource
 * when it is a separate index segment (which cannot be hierarchical: see
 * {@link separateIndexRefused}). Throws
 * MPD_SIDX_INVALID with `details.needs` (byte ranges) when nested boxes are missing.
 */
function mediaReferences(
  parts: SegmentBaseParts,
  bytes: Uint8Array,
  nested: ReadonlyMap<number, Uint8Array>,
): { timescale: number; refs: readonly SidxReference[] } {
  const index = parts.index;
  const inMedia = index.url === parts.baseUrls[0];
  const top = parseAt(bytes, inMedia ? (index.range?.start ?? 0) : 0, where(index));
  const shift =
    inMedia || top.references.length === 0 ? 0 : top.firstOffset - top.references[0]!.offset;
  const out: SidxReference[] = [];
  const needs: { start: number; end: number }[] = [];
  const walk = (sidx: typeof top, level: number): void => {
    if (sidx.timescale !== top.timescale) {
      throw sidxError(
        `nested sidx: expected timescale ${top.timescale}, received ${sidx.timescale}`,
      );
    }
    sidx.references.forEach((ref, i) => {
      if (ref.durationTicks <= 0 || ref.size <= 0) {
        throw sidxError(
          `sidx reference ${i}: expected a positive subsegment_duration and referenced_size, received ${ref.durationTicks} and ${ref.size}`,
        );
      }
      if (ref.referenceType === 0) {
        if (out.length >= MAX_SIDX_REFERENCES) {
          throw sidxError(`expected at most ${MAX_SIDX_REFERENCES} sidx references, received more`);
        }
        out.push(shift === 0 ? ref : { ...ref, offset: ref.offset + shift });
        return;
      }
      if (!inMedia) throw separateIndexRefused(i);
      if (level >= MAX_SIDX_LEVELS) {
        throw sidxError(
          `sidx reference ${i}: expected a media reference, received a hierarchical reference below level ${MAX_SIDX_LEVELS}`,
        );
      }
      const box = nested.get(ref.offset);
      if (box === undefined) {
        needs.push({
          start: ref.offset,
          end: Math.min(ref.offset + ref.size, ref.offset + NESTED_SIDX_BYTES) - 1,
        });
        return;
      }
      walk(parseAt(box, ref.offset, `the nested sidx at ${ref.offset}`), level + 1);
    });
  };
  walk(top, 1);
  if (needs.length > 0) {
    throw new LegatoError(
      'MPD_SIDX_INVALID',
      `hierarchical sidx: expected the nested sidx boxes at ${needs.map((n) => `${n.start}-${n.end}`).join(', ')} (load them and pass them to withSidx, or use loadSegmentIndex)`,
      { details: { needs } },
    );
  }
  return { timescale: top.timescale, refs: out };
}

/** The complete index from a sidx's media references. */
export function indexFromReferences(
  parts: SegmentBaseParts,
  timescale: number,
  refs: readonly SidxReference[],
): SegmentIndex {
  const n = refs.length;
  const t = new Float64Array(n);
  const d = new Float64Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ref = refs[i]!;
    t[i] = ref.startTicks;
    d[i] = ref.durationTicks;
    starts[i] = ref.offset;
    ends[i] = ref.offset + ref.size - 1;
  }
  // presentationTimeOffset is in SegmentBase@timescale; the sidx has its own timescale.
  const pto =
    parts.timescale === null
      ? parts.ptoUnits
      : Math.round((exactDiff(parts.ptoUnits, 0) / parts.timescale) * timescale);
  const timing = createTimelineTiming(
    { t, tExact: null, d, r: new Float64Array(n) },
    timescale,
    pto,
    {
      endUnits: parts.periodDurationS === null ? null : parts.periodDurationS * timescale,
      nowUnits: null,
    },
    throwDefect,
  );
  return createSegmentIndex({
    addressing: 'SegmentBase',
    timing,
    locator: { path: () => null, range: (i) => ({ start: starts[i]!, end: ends[i]! }) },
    periodStartS: parts.periodStartS,
    firstNumber: 1,
    baseUrls: parts.baseUrls,
    initialization: parts.initialization,
    indexRange: indexRangeOf(parts),
    index: parts.index,
  });
}

function indexRangeOf(parts: SegmentBaseParts): ByteRange | null {
  return parts.index.url === parts.baseUrls[0] ? parts.index.range : null;
}

/**
 * The index of a `SegmentBase` representation with an index (`@indexRange` or
 * `RepresentationIndex`): empty until `withSidx(bytes)` is given the index bytes. Without an
 * `Initialization`, the initialization is every byte before an in-resource `sidx` (the
 * on-demand profile layout `ftyp moov sidx moof…`).
 */
export function createSegmentBaseIndex(parts: SegmentBaseParts): SegmentIndex {
  const range = indexRangeOf(parts);
  const initialization =
    parts.initialization ??
    (range !== null && range.start > 0
      ? { url: parts.baseUrls[0]!, range: { start: 0, end: range.start - 1 } }
      : null);
  const full = { ...parts, initialization };
  return createSegmentIndex({
    addressing: 'SegmentBase',
    timing: { count: 0, timescale: 1, start: () => 0, duration: () => 0, mediaTime: () => 0 },
    locator: { path: () => null, range: () => null },
    periodStartS: parts.periodStartS,
    firstNumber: 1,
    baseUrls: parts.baseUrls,
    initialization,
    indexRange: range,
    index: parts.index,
    withSidx: (bytes, nested = new Map()) => {
      const { timescale, refs } = mediaReferences(full, bytes, nested);
      return indexFromReferences(full, timescale, refs);
    },
  });
}

import { LegatoError, type LegatoErrorCode } from '@legato/errors';
import { type BoxHeader, readBoxes, readChildBoxes } from '@legato/isobmff';
import { readTrackRun, type TrackRunLayout } from '../core/boxes/track-run.js';
import { setU32, u32 } from './bytes.js';

/** The boxes of one single-track fragment (moof + mdat) the CENC code works on. */
export interface FragmentParts {
  readonly moof: BoxHeader;
  readonly traf: BoxHeader;
  readonly mdat: BoxHeader;
  readonly run: TrackRunLayout;
  /** traf children by type (first of each). */
  readonly children: ReadonlyMap<string, BoxHeader>;
  /** Every traf child in order. */
  readonly trafChildren: readonly BoxHeader[];
}

/** Locates moof/traf/tfhd/trun/mdat; throws `code` naming what is missing or unsupported. */
export function fragmentParts(bytes: Uint8Array, code: LegatoErrorCode): FragmentParts {
  const fail = (message: string, cause?: unknown): never => {
    throw new LegatoError(code, `fragment: ${message}`, cause === undefined ? {} : { cause });
  };
  let moof: BoxHeader | undefined;
  let mdat: BoxHeader | undefined;
  let trafs: BoxHeader[] = [];
  let trafChildren: BoxHeader[] = [];
  try {
    for (const box of readBoxes(bytes)) {
      if (box.type === 'moof') {
        if (moof !== undefined) fail('expected one moof, received several');
        moof = box;
        trafs = [...readChildBoxes(bytes, box)].filter((b) => b.type === 'traf');
      } else if (box.type === 'mdat' && moof !== undefined && mdat === undefined) mdat = box;
    }
    if (trafs.length === 1) trafChildren = [...readChildBoxes(bytes, trafs[0]!)];
  } catch (cause) {
    if (cause instanceof LegatoError && cause.code === code) throw cause;
    fail('expected well-formed boxes, received malformed ones', cause);
  }
  if (moof === undefined || mdat === undefined)
    return fail(`expected moof followed by mdat, received ${moof ? 'no mdat' : 'no moof'}`);
  if (trafs.length !== 1) return fail(`expected exactly one traf, received ${trafs.length}`);
  const children = new Map<string, BoxHeader>();
  for (const child of trafChildren) if (!children.has(child.type)) children.set(child.type, child);
  const truns = trafChildren.filter((b) => b.type === 'trun').length;
  const tfhd = children.get('tfhd');
  const trun = children.get('trun');
  if (tfhd === undefined || trun === undefined || truns !== 1)
    return fail(`expected one tfhd and one trun, received ${truns} trun`);
  if (moof.headerBytes !== 8 || trafs[0]!.headerBytes !== 8)
    return fail('expected 32-bit moof/traf sizes');
  const run = readTrackRun(bytes, tfhd, trun);
  if (typeof run === 'string') return fail(run);
  let total = 0;
  for (const size of run.sampleSizes) total += size;
  const dataStart = moof.start + run.dataOffset;
  if (dataStart < mdat.start + mdat.headerBytes || dataStart + total > mdat.end) {
    return fail(
      `expected sample data [${dataStart}, ${dataStart + total}) inside mdat [${mdat.start + mdat.headerBytes}, ${mdat.end})`,
    );
  }
  return { moof, traf: trafs[0]!, mdat, run, children, trafChildren };
}

/**
 * Rebuilds a fragment with the traf children `remove` selects dropped and `append` added at the
 * traf end, fixing moof/traf sizes and the trun data_offset. Returns the new bytes and the
 * byte shift applied to everything after the moof.
 */
export function rewriteTraf(
  bytes: Uint8Array,
  parts: FragmentParts,
  remove: (child: BoxHeader) => boolean,
  append: Uint8Array,
): { readonly bytes: Uint8Array; readonly shift: number } {
  const kept: [number, number][] = [];
  let cursor = 0;
  let removed = 0;
  for (const child of parts.trafChildren) {
    if (!remove(child)) continue;
    kept.push([cursor, child.start]);
    cursor = child.end;
    removed += child.size;
  }
  const trafEnd = parts.traf.end;
  kept.push([cursor, trafEnd]);
  const shift = append.length - removed;
  const out = new Uint8Array(bytes.length + shift);
  let at = 0;
  let dataOffsetField = -1;
  for (const [from, to] of kept) {
    if (parts.run.dataOffsetField >= from && parts.run.dataOffsetField < to) {
      dataOffsetField = at + parts.run.dataOffsetField - from;
    }
    out.set(bytes.subarray(from, to), at);
    at += to - from;
  }
  out.set(append, at);
  at += append.length;
  out.set(bytes.subarray(trafEnd), at);
  setU32(out, parts.moof.start, u32(out, parts.moof.start) + shift);
  setU32(out, parts.traf.start, u32(out, parts.traf.start) + shift);
  setU32(out, dataOffsetField, (parts.run.dataOffset + shift) >>> 0);
  return { bytes: out, shift };
}

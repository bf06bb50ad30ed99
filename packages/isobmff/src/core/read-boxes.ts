import { malformed } from '../_internal/malformed.js';
import { type BoxHeader, readBoxHeader } from './box-header.js';

function isZeroSize(bytes: Uint8Array, offset: number, end: number): boolean {
  return (
    offset + 4 <= end &&
    bytes[offset] === 0 &&
    bytes[offset + 1] === 0 &&
    bytes[offset + 2] === 0 &&
    bytes[offset + 3] === 0
  );
}

/**
 * Walks the sibling boxes in `bytes[startOffset, endOffset)`, yielding each header in order.
 * Lazy: a malformed box throws `ISOBMFF_MALFORMED` when the walk reaches it, so the boxes
 * before it are still seen. 64-bit sizes are honoured. A zero size ("to the end of the file",
 * ISO 14496-12 §4.2) is honoured only at the top level — a walk that starts at offset 0 —
 * and is malformed inside a parent (a `traf` of size 0 would otherwise swallow its siblings).
 *
 * @example
 * ```ts
 * for (const box of readBoxes(segment)) console.log(box.type, box.start, box.size);
 * ```
 */
export function* readBoxes(
  bytes: Uint8Array,
  startOffset = 0,
  endOffset: number = bytes.length,
): Generator<BoxHeader, void, undefined> {
  const end = Math.min(endOffset, bytes.length);
  let offset = startOffset;
  while (offset < end) {
    if (startOffset > 0 && isZeroSize(bytes, offset, end)) {
      throw malformed(
        `box at offset ${offset}: declared size 0 ("to the end of the file") inside a parent box, allowed only at the top level`,
        { offset, size: 0 },
      );
    }
    const box = readBoxHeader(bytes, offset, end);
    yield box;
    offset = box.end;
  }
}

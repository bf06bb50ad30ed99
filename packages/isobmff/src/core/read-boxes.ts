import { type BoxHeader, readBoxHeader } from './box-header.js';

/**
 * Walks the sibling boxes in `bytes[startOffset, endOffset)`, yielding each header in order.
 * Lazy: a malformed box throws `ISOBMFF_MALFORMED` when the walk reaches it, so the boxes
 * before it are still seen. Zero-size boxes run to `endOffset`; 64-bit sizes are honoured.
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
    const box = readBoxHeader(bytes, offset, end);
    yield box;
    offset = box.end;
  }
}

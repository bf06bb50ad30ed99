import type { BoxHeader } from '@legato/isobmff';
import { setU32, u32 } from './bytes.js';

/**
 * Replaces `bytes[at, at + removeBytes)` with `insert`, growing or shrinking the 32-bit size
 * field of every box in `ancestors` (each must contain the spliced range) by the difference.
 */
export function spliceBoxes(
  bytes: Uint8Array,
  ancestors: readonly BoxHeader[],
  at: number,
  removeBytes: number,
  insert: Uint8Array,
): Uint8Array {
  const delta = insert.length - removeBytes;
  const out = new Uint8Array(bytes.length + delta);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + removeBytes), at + insert.length);
  for (const box of ancestors) {
    if (box.start < at) setU32(out, box.start, u32(out, box.start) + delta);
  }
  return out;
}

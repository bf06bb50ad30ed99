import { Cursor } from '../_internal/cursor.js';
import type { BoxHeader } from './box-header.js';
import { printable } from './box-header.js';

/** Version and flags of a full box (ISO 14496-12 FullBox). */
export interface FullBoxHeader {
  /** The 8-bit version. */
  readonly version: number;
  /** The 24-bit flags. */
  readonly flags: number;
}

/** Reads the version and flags that open a full box's body. */
export function readFullBoxHeader(bytes: Uint8Array, box: BoxHeader): FullBoxHeader {
  const c = new Cursor(
    bytes,
    box.start + box.headerBytes,
    box.end,
    `'${printable(box.type)}' box`,
    box.start,
  );
  const version = c.u8('version');
  const flags = c.u24('flags');
  return { version, flags };
}

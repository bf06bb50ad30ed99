import type { BoxHeader } from '../core/box-header.js';
import { printable, readBoxHeader } from '../core/box-header.js';
import { Cursor } from './cursor.js';
import { malformed } from './malformed.js';

/**
 * Resolves the header a typed parser works on: the given one, or the box at offset 0 of
 * `bytes`; checks its type is `expected`.
 */
export function resolveBox(
  bytes: Uint8Array,
  box: BoxHeader | undefined,
  expected: string,
): BoxHeader {
  const b = box ?? readBoxHeader(bytes, 0);
  if (b.type !== expected) {
    throw malformed(
      `expected a '${expected}' box at offset ${b.start}, received '${printable(b.type)}'`,
      {
        box: b.type,
        offset: b.start,
        expected,
      },
    );
  }
  if (b.end > bytes.length) {
    throw malformed(
      `'${expected}' box at offset ${b.start} ends at ${b.end}, past the buffer end ${bytes.length}`,
      {
        box: b.type,
        offset: b.start,
      },
    );
  }
  return b;
}

/**
 * Opens a cursor over a full box's body, after version and flags.
 */
export function openFullBox(
  bytes: Uint8Array,
  box: BoxHeader | undefined,
  expected: string,
  maxVersion: number,
): {
  readonly c: Cursor;
  readonly version: number;
  readonly flags: number;
  readonly box: BoxHeader;
} {
  const b = resolveBox(bytes, box, expected);
  const c = new Cursor(bytes, b.start + b.headerBytes, b.end, `'${expected}' box`, b.start);
  const version = c.u8('version');
  const flags = c.u24('flags');
  if (version > maxVersion) {
    throw malformed(
      `'${expected}' box at offset ${b.start}: expected version ≤ ${maxVersion}, received ${version}`,
      {
        box: expected,
        offset: b.start,
        version,
      },
    );
  }
  return { c, version, flags, box: b };
}

/**
 * Opens a cursor over a plain box's body.
 */
export function openBox(
  bytes: Uint8Array,
  box: BoxHeader | undefined,
  expected: string,
): { readonly c: Cursor; readonly box: BoxHeader } {
  const b = resolveBox(bytes, box, expected);
  return {
    c: new Cursor(bytes, b.start + b.headerBytes, b.end, `'${expected}' box`, b.start),
    box: b,
  };
}

import { malformed } from '../_internal/malformed.js';

/** Where one box sits in a buffer. All offsets are absolute indexes into the walked bytes. */
export interface BoxHeader {
  /** Four-character type (`moov`, `pssh`, …); `uuid` boxes carry their extended type in `usertype`. */
  readonly type: string;
  /** Offset of the box's first byte (its size field). */
  readonly start: number;
  /** Header length in bytes: 8, 16 with a 64-bit largesize, plus 16 for `uuid`. */
  readonly headerBytes: number;
  /** Total box size in bytes, header included (size 0 is resolved to "to the end"). */
  readonly size: number;
  /** Offset one past the box's last byte (`start + size`). */
  readonly end: number;
  /** The 16-byte extended type of a `uuid` box as 32 lower-case hex characters, else null. */
  readonly usertype: string | null;
}

const HEX = '0123456789abcdef';

/**
 * Reads the header of the box at `offset`, which must end at or before `limit`.
 * Throws `ISOBMFF_MALFORMED` for a truncated header, a size smaller than the header, or a size
 * reaching past `limit`.
 */
export function readBoxHeader(bytes: Uint8Array, offset: number, limit = bytes.length): BoxHeader {
  const end = Math.min(limit, bytes.length);
  if (offset < 0 || offset + 8 > end) {
    throw malformed(
      `truncated box header at offset ${offset}: needs 8 bytes, only ${Math.max(0, end - offset)} remain before offset ${end}`,
      { offset, end },
    );
  }
  const size32 =
    ((bytes[offset]! << 24) |
      (bytes[offset + 1]! << 16) |
      (bytes[offset + 2]! << 8) |
      bytes[offset + 3]!) >>>
    0;
  const type = String.fromCharCode(
    bytes[offset + 4]!,
    bytes[offset + 5]!,
    bytes[offset + 6]!,
    bytes[offset + 7]!,
  );
  let headerBytes = 8;
  let size = size32;
  if (size32 === 1) {
    if (offset + 16 > end) {
      throw malformed(
        `'${type}' box at offset ${offset}: 64-bit size needs 16 header bytes, only ${end - offset} remain before offset ${end}`,
        { box: type, offset, end },
      );
    }
    const hi =
      ((bytes[offset + 8]! << 24) |
        (bytes[offset + 9]! << 16) |
        (bytes[offset + 10]! << 8) |
        bytes[offset + 11]!) >>>
      0;
    const lo =
      ((bytes[offset + 12]! << 24) |
        (bytes[offset + 13]! << 16) |
        (bytes[offset + 14]! << 8) |
        bytes[offset + 15]!) >>>
      0;
    // Anything that large cannot lie inside a Uint8Array anyway; the bound check below rejects it.
    size = hi > 0x1f_ffff ? Number.MAX_SAFE_INTEGER : hi * 0x1_0000_0000 + lo;
    headerBytes = 16;
  } else if (size32 === 0) {
    size = end - offset;
  }
  let usertype: string | null = null;
  if (type === 'uuid') {
    if (offset + headerBytes + 16 > end) {
      throw malformed(
        `'uuid' box at offset ${offset}: extended type needs ${headerBytes + 16} header bytes, only ${end - offset} remain before offset ${end}`,
        { box: type, offset, end },
      );
    }
    let hex = '';
    for (let i = offset + headerBytes; i < offset + headerBytes + 16; i++) {
      const b = bytes[i]!;
      hex += HEX[b >>> 4]! + HEX[b & 15]!;
    }
    usertype = hex;
    headerBytes += 16;
  }
  if (size < headerBytes) {
    throw malformed(
      `'${printable(type)}' box at offset ${offset}: declared size ${size} is smaller than its ${headerBytes}-byte header`,
      { box: type, offset, size },
    );
  }
  if (offset + size > end) {
    throw malformed(
      `'${printable(type)}' box at offset ${offset}: declared size ${size} ends at offset ${offset + size}, past the available end at offset ${end}`,
      { box: type, offset, size, end },
    );
  }
  return { type, start: offset, headerBytes, size, end: offset + size, usertype };
}

/** The type as shown in messages: non-printable characters escaped. */
export function printable(type: string): string {
  return type.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

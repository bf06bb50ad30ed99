import { malformed } from './malformed.js';

const TWO_POW_32 = 0x1_0000_0000;

/** Most entries a count field may declare (a 10 s audio fragment has ~500 samples). */
export const MAX_ENTRIES = 1 << 20;

/**
 * A bounds-checked forward reader over one box body. Every read checks `end` first, so a lying
 * size can never make a parser read outside its box (or the buffer).
 */
export class Cursor {
  /** Absolute offset of the next byte to read. */
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    /** Absolute offset one past the last readable byte. */
    readonly end: number,
    /** Box type (or structure name) for error messages. */
    readonly what: string,
    /** Absolute offset of the structure's first byte, for error messages. */
    readonly origin: number = start,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes left before `end`. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws ISOBMFF_MALFORMED unless `n` more bytes are readable. */
  need(n: number, field: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw malformed(
        `${this.what} at offset ${this.origin}: ${field} needs ${n} bytes at offset ${this.pos}, but the ${this.what} ends at offset ${this.end}`,
        { box: this.what, offset: this.origin, fieldOffset: this.pos, end: this.end, field },
      );
    }
  }

  u8(field: string): number {
    this.need(1, field);
    const v = this.view.getUint8(this.pos);
    this.pos += 1;
    return v;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  u24(field: string): number {
    this.need(3, field);
    const v = (this.view.getUint8(this.pos) << 16) | this.view.getUint16(this.pos + 1);
    this.pos += 3;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  i32(field: string): number {
    this.need(4, field);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  /** Unsigned 64-bit read; values above 2^53 - 1 are rejected rather than silently rounded. */
  u64(field: string): number {
    this.need(8, field);
    const hi = this.view.getUint32(this.pos);
    const lo = this.view.getUint32(this.pos + 4);
    if (hi > 0x1f_ffff) {
      throw malformed(
        `${this.what} at offset ${this.origin}: ${field} at offset ${this.pos} exceeds 2^53 - 1 (high word 0x${hi.toString(16)})`,
        { box: this.what, offset: this.origin, fieldOffset: this.pos, field },
      );
    }
    this.pos += 8;
    return hi * TWO_POW_32 + lo;
  }

  /** Four-character code (latin-1). */
  fourcc(field: string): string {
    this.need(4, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
  }

  /** A view (no copy) of the next `n` bytes. */
  bytesView(n: number, field: string): Uint8Array {
    this.need(n, field);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  skip(n: number, field: string): void {
    this.need(n, field);
    this.pos += n;
  }

  /**
   * Throws unless `count * bytesEach` bytes remain and `count` is at most {@link MAX_ENTRIES}
   * (guards allocations sized by a count field, including zero-byte entries).
   */
  needRepeated(count: number, bytesEach: number, field: string): void {
    if (count > MAX_ENTRIES) {
      throw malformed(
        `${this.what} at offset ${this.origin}: ${field} declares ${count} entries, more than the ${MAX_ENTRIES} accepted`,
        { box: this.what, offset: this.origin, field, count },
      );
    }
    if (count * bytesEach > this.remaining) {
      throw malformed(
        `${this.what} at offset ${this.origin}: ${field} declares ${count} entries of ${bytesEach} bytes (${count * bytesEach}), but only ${this.remaining} bytes remain before offset ${this.end}`,
        { box: this.what, offset: this.origin, fieldOffset: this.pos, end: this.end, field, count },
      );
    }
  }
}

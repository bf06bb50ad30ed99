import { LegatoError } from '@legato/errors';

const TWO_POW_32 = 0x1_0000_0000;

/** Writes big-endian fields into one preallocated buffer; `finish` checks the size was exact. */
export class ByteWriter {
  readonly bytes: Uint8Array;
  pos = 0;
  private readonly view: DataView;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u8(v: number): this {
    this.view.setUint8(this.pos, v);
    this.pos += 1;
    return this;
  }

  u16(v: number): this {
    this.view.setUint16(this.pos, v);
    this.pos += 2;
    return this;
  }

  u24(v: number): this {
    this.view.setUint8(this.pos, (v >>> 16) & 0xff);
    this.view.setUint16(this.pos + 1, v & 0xffff);
    this.pos += 3;
    return this;
  }

  u32(v: number): this {
    this.view.setUint32(this.pos, v >>> 0);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    this.view.setInt32(this.pos, v | 0);
    this.pos += 4;
    return this;
  }

  u64(v: number): this {
    this.view.setUint32(this.pos, Math.floor(v / TWO_POW_32));
    this.view.setUint32(this.pos + 4, v % TWO_POW_32);
    this.pos += 8;
    return this;
  }

  fourcc(s: string): this {
    for (let i = 0; i < 4; i++) this.bytes[this.pos + i] = s.charCodeAt(i);
    this.pos += 4;
    return this;
  }

  raw(b: Uint8Array): this {
    this.bytes.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  finish(): Uint8Array {
    if (this.pos !== this.bytes.length) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `internal size mismatch: expected ${this.bytes.length} bytes written, wrote ${this.pos}`,
      );
    }
    return this.bytes;
  }
}

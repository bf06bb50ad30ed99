import { malformed } from './malformed.js';

/** Protobuf wire types. */
export const WireType = {
  varint: 0,
  fixed64: 1,
  bytes: 2,
  startGroup: 3,
  endGroup: 4,
  fixed32: 5,
} as const;

const MAX_GROUP_DEPTH = 32;

/** A bounds-checked protobuf reader (proto2/proto3 wire format). */
export class ProtoReader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    /** Message name for error messages. */
    readonly what: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  private fail(message: string): never {
    throw malformed(`${this.what}: ${message} at byte ${this.pos} of ${this.bytes.length}`, {
      structure: this.what,
      offset: this.pos,
      length: this.bytes.length,
    });
  }

  /** Reads a varint up to 64 bits; values above 2^53 - 1 only when `allowHuge` (skipping). */
  varint(field: string, allowHuge = false): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.bytes.length) this.fail(`truncated varint in ${field}`);
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!allowHuge && result > Number.MAX_SAFE_INTEGER)
          this.fail(`varint ${field} exceeds 2^53 - 1`);
        return result;
      }
      scale *= 128;
    }
    return this.fail(`varint ${field} longer than 10 bytes`);
  }

  /** Reads a field key; returns the field number and wire type. */
  tag(): { readonly field: number; readonly wireType: number } {
    const key = this.varint('tag');
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 0) this.fail('field number 0 is invalid');
    return { field, wireType };
  }

  /** A view of the next length-delimited value. */
  lengthDelimited(field: string): Uint8Array {
    const len = this.varint(`${field} length`);
    if (len > this.bytes.length - this.pos) {
      this.fail(`${field} declares ${len} bytes but only ${this.bytes.length - this.pos} remain`);
    }
    const v = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return v;
  }

  /** Skips one value of any wire type (groups included, depth-bounded). */
  skip(field: number, wireType: number, depth = 0): void {
    switch (wireType) {
      case WireType.varint:
        this.varint(`field ${field}`, true);
        return;
      case WireType.fixed64:
        this.advance(8, field);
        return;
      case WireType.bytes:
        this.lengthDelimited(`field ${field}`);
        return;
      case WireType.fixed32:
        this.advance(4, field);
        return;
      case WireType.startGroup: {
        if (depth >= MAX_GROUP_DEPTH) this.fail(`groups nested deeper than ${MAX_GROUP_DEPTH}`);
        for (;;) {
          if (this.done) this.fail(`unterminated group ${field}`);
          const t = this.tag();
          if (t.wireType === WireType.endGroup) {
            if (t.field !== field) this.fail(`end of group ${t.field} inside group ${field}`);
            return;
          }
          this.skip(t.field, t.wireType, depth + 1);
        }
      }
      default:
        this.fail(`unexpected wire type ${wireType} for field ${field}`);
    }
  }

  /** Throws unless the field came with the expected wire type. */
  expectWireType(field: string, wireType: number, expected: number): void {
    if (wireType !== expected)
      this.fail(`${field}: expected wire type ${expected}, received ${wireType}`);
  }

  private advance(n: number, field: number): void {
    if (n > this.bytes.length - this.pos) this.fail(`field ${field} needs ${n} bytes`);
    this.pos += n;
  }
}

/** Appends protobuf fields to a growable list of parts, then joins them once. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  varint(value: number): this {
    let v = value;
    while (v >= 0x80) {
      this.parts.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.parts.push(v);
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WireType.bytes).varint(value.length);
    for (let i = 0; i < value.length; i++) this.parts.push(value[i]!);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Big-endian u32 at `offset`. */
export function u32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) |
      (bytes[offset + 1]! << 16) |
      (bytes[offset + 2]! << 8) |
      bytes[offset + 3]!) >>>
    0
  );
}

/** Writes a big-endian u32 at `offset`. */
export function setU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

/** A u32 as 4 big-endian bytes. */
export function u32Bytes(value: number): Uint8Array {
  const out = new Uint8Array(4);
  setU32(out, 0, value);
  return out;
}

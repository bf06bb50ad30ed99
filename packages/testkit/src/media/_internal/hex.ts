const HEX = '0123456789abcdef';

/** Lower-case hex of `bytes`. */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]! >>> 4]! + HEX[bytes[i]! & 15]!;
  return out;
}

/** Bytes of an even-length hex string (dashes of a UUID ignored); null when not hex. */
export function bytesOfHex(text: string): Uint8Array | null {
  const clean = text.replace(/-/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

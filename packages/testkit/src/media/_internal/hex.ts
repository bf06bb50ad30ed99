/**
 * Bytes of an even-length hex string (dashes of a UUID ignored); null when it is not hex.
 * (`@legato/isobmff`'s `hexToBytes` throws instead; this is for validating user input.)
 */
export function bytesOfHex(text: string): Uint8Array | null {
  const clean = text.replace(/-/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

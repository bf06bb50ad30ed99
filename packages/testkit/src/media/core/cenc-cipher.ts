/**
 * A CENC `cenc`-scheme block cipher: AES-128-CTR over `data` starting from the 16-byte counter
 * block `iv` (an 8-byte IV is zero-padded on the right). Injected, so the CENC cores stay pure;
 * the testkit passes a `node:crypto` implementation.
 */
export type CtrCipher = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array;

/** The 16-byte initial counter block of a per-sample IV (8 or 16 bytes). */
export function counterBlock(iv: Uint8Array): Uint8Array {
  if (iv.length === 16) return iv;
  const block = new Uint8Array(16);
  block.set(iv, 0);
  return block;
}

import { aes128Ctr } from '../_internal/aes-128-ctr.js';

/** AES-128-CTR of one buffer from one counter block (a copy; for known-answer checks). */
export function ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const out = Uint8Array.from(data);
  aes128Ctr(key, out, [{ iv, spans: [[0, out.length]] }]);
  return out;
}

import { createCipheriv } from 'node:crypto';

import type { CtrCipher } from '../core/cenc-cipher.js';

/** AES-128-CTR via `node:crypto` (encrypting and decrypting are the same operation). */
export const aes128Ctr: CtrCipher = (key, iv, data) => {
  const cipher = createCipheriv('aes-128-ctr', key, iv);
  const out = cipher.update(data);
  cipher.final();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

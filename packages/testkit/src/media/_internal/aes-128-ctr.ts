import { type Cipher, createCipheriv } from 'node:crypto';
import type { CtrCipher } from '../core/cenc-cipher.js';

/** The AES-128-ECB cipher of the last key: ECB over whole blocks keeps no state between calls. */
let cached: { readonly key: string; readonly ecb: Cipher } | undefined;

function ecbFor(key: Uint8Array): Cipher {
  const id = Buffer.from(key).toString('hex');
  if (cached?.key !== id) {
    const ecb = createCipheriv('aes-128-ecb', key, null);
    ecb.setAutoPadding(false);
    cached = { key: id, ecb };
  }
  return cached.ecb;
}

/**
 * AES-128-CTR via `node:crypto` for a whole fragment at once: the counter blocks of every run
 * (its IV zero-padded to 16 bytes, then +1 per block as a 128-bit big-endian number, as
 * OpenSSL's CTR mode counts) are encrypted with AES-ECB in one call, and the keystream is XORed
 * onto the runs' spans in place. One native call per fragment instead of one `createCipheriv`
 * per sample, which dominated the cost for small Opus samples.
 */
export const aes128Ctr: CtrCipher = (key, bytes, runs) => {
  let blocks = 0;
  const runBlocks = runs.map((run) => {
    let length = 0;
    for (const [, n] of run.spans) length += n;
    const count = Math.ceil(length / 16);
    blocks += count;
    return count;
  });
  const counters = Buffer.allocUnsafe(blocks * 16);
  const counter = new Uint8Array(16);
  let b = 0;
  runs.forEach((run, r) => {
    counter.fill(0);
    counter.set(run.iv.subarray(0, 16), 0);
    for (let k = 0; k < runBlocks[r]!; k++, b++) {
      counters.set(counter, b * 16);
      for (let i = 15; i >= 0; i--) {
        counter[i] = (counter[i]! + 1) & 0xff;
        if (counter[i] !== 0) break;
      }
    }
  });
  const keystream = ecbFor(key).update(counters);
  let k = 0;
  runs.forEach((run, r) => {
    const start = k;
    for (const [offset, length] of run.spans) {
      for (let i = 0; i < length; i++) bytes[offset + i]! ^= keystream[k++]!;
    }
    k = start + runBlocks[r]! * 16;
  });
};

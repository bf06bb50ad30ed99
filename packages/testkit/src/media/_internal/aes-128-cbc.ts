import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { CbcCipher, CtrRun } from '../core/cenc-cipher.js';

function gather(bytes: Uint8Array, runs: readonly CtrRun[]): Uint8Array {
  let size = 0;
  for (const run of runs) for (const span of run.spans) size += span[1];
  const out = new Uint8Array(size);
  let at = 0;
  for (const run of runs) {
    for (const [offset, length] of run.spans) {
      out.set(bytes.subarray(offset, offset + length), at);
      at += length;
    }
  }
  return out;
}

/**
 * AES-128-CBC decryption via `node:crypto`, in place. CBC decryption has no chain dependency
 * on the output (P = D(C) ⊕ previous C), so every block of every run is decrypted with one
 * AES-ECB call, then XORed with the previous ciphertext block (the run's IV for its first).
 */
export const aes128CbcDecrypt: CbcCipher = (key, bytes, runs) => {
  const cipherText = gather(bytes, runs);
  if (cipherText.length === 0) return;
  const ecb = createDecipheriv('aes-128-ecb', key, null);
  ecb.setAutoPadding(false);
  const decrypted = ecb.update(cipherText);
  let k = 0;
  for (const run of runs) {
    let chain = run.iv;
    let chainAt = 0;
    for (const [offset, length] of run.spans) {
      for (let i = 0; i < length; i += 16) {
        for (let j = 0; j < 16; j++)
          bytes[offset + i + j] = decrypted[k + j]! ^ chain[chainAt + j]!;
        chain = cipherText;
        chainAt = k;
        k += 16;
      }
    }
  }
};

/** AES-128-CBC encryption via `node:crypto`, in place: one native CBC stream per run (CBC encryption is sequential). */
export const aes128CbcEncrypt: CbcCipher = (key, bytes, runs) => {
  for (const run of runs) {
    const plain = gather(bytes, [run]);
    if (plain.length === 0) continue;
    const cbc = createCipheriv('aes-128-cbc', key, run.iv);
    cbc.setAutoPadding(false);
    const out = cbc.update(plain);
    let at = 0;
    for (const [offset, length] of run.spans) {
      bytes.set(out.subarray(at, at + length), offset);
      at += length;
    }
  }
};

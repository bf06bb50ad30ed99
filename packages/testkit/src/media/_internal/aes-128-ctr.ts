import { type Cipher, createCipheriv } from 'node:crypto';
import type { CtrCipher, CtrRun } from '../core/cenc-cipher.js';

/**
 * Runs at least this long get their own native `aes-128-ctr` cipher (its setup, ~5–10 µs,
 * costs less than making and XORing their keystream in JS); shorter ones share one batched
 * AES-ECB keystream call. Measured in `bench/cenc.bench.ts`.
 */
const NATIVE_RUN_BYTES = 256;

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

function runLength(run: CtrRun): number {
  let length = 0;
  for (const span of run.spans) length += span[1];
  return length;
}

function counterBlock(iv: Uint8Array): Uint8Array {
  const block = new Uint8Array(16);
  block.set(iv.subarray(0, 16), 0);
  return block;
}

/** One native CTR stream over the run's spans. */
function nativeRun(key: Uint8Array, bytes: Uint8Array, run: CtrRun): void {
  const cipher = createCipheriv('aes-128-ctr', key, counterBlock(run.iv));
  for (const [offset, length] of run.spans)
    bytes.set(cipher.update(bytes.subarray(offset, offset + length)), offset);
}

/** The small runs: their counter blocks encrypted with AES-ECB in one call, XORed in JS. */
function batchedRuns(
  key: Uint8Array,
  bytes: Uint8Array,
  runs: readonly CtrRun[],
  lengths: readonly number[],
): void {
  let blocks = 0;
  for (const length of lengths) blocks += Math.ceil(length / 16);
  const counters = new Uint8Array(blocks * 16);
  let p = 0;
  runs.forEach((run, r) => {
    const counter = counterBlock(run.iv);
    for (let k = Math.ceil(lengths[r]! / 16); k > 0; k--) {
      for (let j = 0; j < 16; j++) counters[p++] = counter[j]!;
      for (let i = 15; i >= 0; i--) {
        counter[i] = (counter[i]! + 1) & 0xff;
        if (counter[i] !== 0) break;
      }
    }
  });
  const keystream = new Uint8Array(ecbFor(key).update(counters));
  let k = 0;
  runs.forEach((run, r) => {
    const start = k;
    for (const [offset, length] of run.spans) {
      for (let i = offset, end = offset + length; i < end; i++)
        bytes[i] = bytes[i]! ^ keystream[k++]!;
    }
    k = start + Math.ceil(lengths[r]! / 16) * 16;
  });
}

/**
 * AES-128-CTR via `node:crypto` over a fragment's runs, in place (encrypting = decrypting).
 * Counter blocks are the IV zero-padded to 16 bytes, then +1 per block as a 128-bit big-endian
 * number, as OpenSSL's CTR mode counts. Long runs use a native CTR cipher each; short runs
 * (Opus packets) share one AES-ECB keystream call instead of paying a cipher setup per sample.
 */
export const aes128Ctr: CtrCipher = (key, bytes, runs) => {
  const small: CtrRun[] = [];
  const smallLengths: number[] = [];
  for (const run of runs) {
    const length = runLength(run);
    if (length >= NATIVE_RUN_BYTES) nativeRun(key, bytes, run);
    else if (length > 0) {
      small.push(run);
      smallLengths.push(length);
    }
  }
  if (small.length > 0) batchedRuns(key, bytes, small, smallLengths);
};

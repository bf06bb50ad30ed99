/** A byte range `[offset, offset + length)` of a buffer. */
export type ByteSpan = readonly [offset: number, length: number];

/**
 * One AES-CTR stream: a sample's IV (8 bytes, zero-padded to the 16-byte counter block, or 16)
 * and the byte ranges it covers, in order — the keystream runs on from one range to the next
 * (the protected parts of a subsample-encrypted sample, ISO 23001-7 §9.5.2.3).
 */
export interface CtrRun {
  readonly iv: Uint8Array;
  readonly spans: readonly ByteSpan[];
}

/**
 * A CENC `cenc`-scheme cipher: transforms every run of `bytes` in place with AES-128-CTR under
 * `key` (encrypting and decrypting are the same operation). Batched per fragment so an
 * implementation can make all keystream in one call. Injected, so the CENC cores stay pure;
 * the testkit passes a `node:crypto` implementation (`aes128Ctr`).
 */
export type CtrCipher = (key: Uint8Array, bytes: Uint8Array, runs: readonly CtrRun[]) => void;

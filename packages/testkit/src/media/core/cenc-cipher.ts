/** A byte range `[offset, offset + length)` of a buffer. */
export type ByteSpan = readonly [offset: number, length: number];

/**
 * One cipher stream: a sample's IV (8 bytes, zero-padded to the 16-byte counter block, or 16)
 * and the byte ranges it covers, in order — the keystream (CTR) or the block chain (CBC) runs
 * on from one range to the next (the protected parts of a subsample-encrypted sample, or the
 * encrypted blocks of a pattern, ISO 23001-7 §9.5–9.6).
 */
export interface CtrRun {
  readonly iv: Uint8Array;
  readonly spans: readonly ByteSpan[];
}

/**
 * A CENC `cenc`/`cens` cipher: transforms every run of `bytes` in place with AES-128-CTR under
 * `key` (encrypting and decrypting are the same operation). Batched per fragment so an
 * implementation can make all keystream in one call. Injected, so the CENC cores stay pure;
 * the testkit passes a `node:crypto` implementation (`aes128Ctr`).
 */
export type CtrCipher = (key: Uint8Array, bytes: Uint8Array, runs: readonly CtrRun[]) => void;

/**
 * A CENC `cbc1`/`cbcs` cipher direction: AES-128-CBC without padding over every run of `bytes`
 * in place; each span is whole 16-byte blocks and the chain starts from the run's 16-byte IV.
 */
export type CbcCipher = (key: Uint8Array, bytes: Uint8Array, runs: readonly CtrRun[]) => void;

/** The block cipher modes the four CENC schemes need (`aes128Cenc` is the `node:crypto` one). */
export interface CencCipher {
  readonly ctr: CtrCipher;
  readonly cbcDecrypt: CbcCipher;
  readonly cbcEncrypt: CbcCipher;
}

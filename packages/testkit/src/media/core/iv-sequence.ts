const MASK_64 = (1n << 64n) - 1n;

function splitMix64(state: bigint): bigint {
  let z = (state + 0x9e37_79b9_7f4a_7c15n) & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58_476d_1ce4_e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d0_49bb_1331_11ebn) & MASK_64;
  return z ^ (z >> 31n);
}

function hash64(text: string): bigint {
  // FNV-1a 64 over UTF-16 code units, then one SplitMix64 round to spread the bits.
  let h = 0xcbf2_9ce4_8422_2325n;
  for (let i = 0; i < text.length; i++)
    h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100_0000_01b3n) & MASK_64;
  return splitMix64(h);
}

/**
 * Deterministic 8-byte CENC IVs: stream `streamId` (e.g. a representation id) gets a start
 * counter derived from `seed` and the id, and sample `n` of the stream the IV `start + n`
 * (mod 2^64), so IVs never repeat within a stream and collide across streams only with
 * negligible probability — what AES-CTR needs when one key covers several representations.
 *
 * @example
 * ```ts
 * const ivs = createIvSequence('fixture-seed');
 * const iv = ivs('flac-44k', 0); // Uint8Array(8), the same on every run
 * ```
 */
export function createIvSequence(
  seed: string,
): (streamId: string, sampleIndex: number) => Uint8Array {
  const starts = new Map<string, bigint>();
  return (streamId, sampleIndex) => {
    let start = starts.get(streamId);
    if (start === undefined) {
      start = hash64(`${seed}\u0000${streamId}`);
      starts.set(streamId, start);
    }
    let value = (start + BigInt(sampleIndex)) & MASK_64;
    const iv = new Uint8Array(8);
    for (let i = 7; i >= 0; i--) {
      iv[i] = Number(value & 0xffn);
      value >>= 8n;
    }
    return iv;
  };
}

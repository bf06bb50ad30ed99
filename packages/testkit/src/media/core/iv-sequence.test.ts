import { createIvSequence } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('createIvSequence', () => {
  it('is deterministic per seed and stream, and counts up within a stream', () => {
    const a = createIvSequence('seed');
    const b = createIvSequence('seed');
    expect(hex(a('flac', 7))).toBe(hex(b('flac', 7)));
    expect(BigInt(`0x${hex(a('flac', 1))}`) - BigInt(`0x${hex(a('flac', 0))}`)).toBe(1n);
    expect(hex(a('flac', 0))).not.toBe(hex(a('opus', 0)));
    expect(hex(createIvSequence('other')('flac', 0))).not.toBe(hex(a('flac', 0)));
  });

  it('never repeats within a stream (10 000 samples) and gives 8-byte IVs', () => {
    const ivs = createIvSequence('x');
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(hex(ivs('s', i)));
    expect(seen.size).toBe(10_000);
    expect(ivs('s', 0)).toHaveLength(8);
  });
});

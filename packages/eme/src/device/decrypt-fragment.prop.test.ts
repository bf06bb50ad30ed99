import { fc, test } from '@fast-check/vitest';
import { decryptFragment } from '@legato/eme';
import { isLegatoError } from '@legato/errors';
import { CENC_SCHEMES, readTrackProtection } from '@legato/isobmff';
import { aes128Cenc, fuzzRuns, protectFragment, protectInitSegment } from '@legato/testkit';
import { expect } from 'vitest';
import { splitFixture } from '../_test/media.js';

const KID = '0123456789abcdef0123456789abcdef';
const KEY = new Uint8Array(16).fill(9);
const { init, fragments } = splitFixture('opus-2s.mp4');

/** A protected real Opus fragment per scheme (subsamples + 1:9 pattern where it applies) and its protection. */
const bases = CENC_SCHEMES.map((scheme) => {
  const cbc = scheme === 'cbc1' || scheme === 'cbcs';
  const pattern =
    scheme === 'cens' || scheme === 'cbcs' ? { cryptByteBlock: 1, skipByteBlock: 9 } : undefined;
  const constantIv = scheme === 'cbcs' ? new Uint8Array(16).fill(4) : undefined;
  const protectedInit = protectInitSegment(init, {
    kid: KID,
    psshBoxes: [],
    scheme,
    ...(constantIv === undefined ? {} : { constantIv }),
    ...(pattern === undefined ? {} : { pattern }),
  });
  const fragment = protectFragment(fragments[1]!, {
    encrypt: true,
    key: KEY,
    scheme,
    cipher: aes128Cenc,
    ...(constantIv === undefined
      ? { ivOf: (i: number) => new Uint8Array(cbc ? 16 : 8).fill(i) }
      : { constantIv }),
    ...(pattern === undefined ? {} : { pattern }),
    subsamplesOf: (_: number, size: number) => [
      {
        clearBytes: Math.min(size, 3),
        protectedBytes: size - Math.min(size, 3) - ((size - Math.min(size, 3)) % 16),
      },
      { clearBytes: (size - Math.min(size, 3)) % 16, protectedBytes: 0 },
    ],
  });
  return { fragment, protection: readTrackProtection(protectedInit)! };
});

const u32Values = [0, 1, 8, 16, 0x10_0000, 0xffff_ffff];
const mutation = fc.oneof(
  fc.tuple(fc.constant('byte' as const), fc.nat(), fc.integer({ min: 0, max: 255 })),
  fc.tuple(fc.constant('u32' as const), fc.nat(), fc.constantFrom(...u32Values)),
);

test.prop(
  [
    fc.nat(bases.length - 1),
    fc.array(mutation, { minLength: 1, maxLength: 6 }),
    fc.option(fc.nat(), { nil: undefined }),
  ],
  { numRuns: fuzzRuns(300) },
)(
  'mutated segments of every scheme: the device path only throws LegatoError, hands the CDM only in-bounds samples, in bounded time',
  async (which, edits, cut) => {
    const base = bases[which]!;
    const bytes = base.fragment.slice();
    for (const [kind, at, value] of edits) {
      const p = at % bytes.length;
      if (kind === 'byte') bytes[p] = value;
      else new DataView(bytes.buffer).setUint32(Math.min(p, bytes.length - 4), value);
    }
    const input = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
    const t0 = performance.now();
    try {
      await decryptFragment(input, base.protection, async (s) => {
        expect(s.iv.length === 8 || s.iv.length === 16).toBe(true);
        let covered = 0;
        for (const sub of s.subsamples ?? []) covered += sub.clearBytes + sub.protectedBytes;
        if (s.subsamples !== null) expect(covered).toBe(s.data.length);
        return s.data;
      });
    } catch (error) {
      if (!isLegatoError(error)) throw error;
    }
    expect(performance.now() - t0).toBeLessThan(250);
  },
);

test('a trun claiming 2^20 field-less samples in a 100 kB segment is refused within 50 ms', async () => {
  const { fragment, protection } = bases[0]!;
  const bytes = new Uint8Array(100_000);
  bytes.set(fragment);
  const view = new DataView(bytes.buffer);
  const at = Buffer.from(bytes).indexOf('trun') - 4;
  view.setUint32(at + 8, 0x001); // flags: data_offset only, no per-sample fields
  view.setUint32(at + 12, 1 << 20); // sample_count
  const t0 = performance.now();
  const error = await decryptFragment(bytes, protection, async (s) => s.data).catch((e) => e);
  expect(isLegatoError(error), String(error)).toBe(true);
  expect(performance.now() - t0).toBeLessThan(50);
});

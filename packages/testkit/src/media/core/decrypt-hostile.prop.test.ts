import { fc, test } from '@fast-check/vitest';
import { isLegatoError } from '@legato/errors';
import {
  CENC_SCHEMES,
  concatBytes,
  readBoxes,
  readChildBoxes,
  TfhdFlags,
  type TrackProtection,
  writeBox,
  writeFullBox,
  writeMfhd,
  writeTfhd,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';
import { u32Bytes } from '../_internal/bytes.js';
import { fuzzRuns } from '../_internal/fuzz-runs.js';
import { buildFragment } from '../_test/build-fragment.js';
import { decryptCencFragment } from './decrypt-cenc-fragment.js';
import { protectFragment } from './protect-fragment.js';

const KID = 'ab'.repeat(16);
const key = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
const sizes = [0, 1, 15, 16, 17, 100, 257, 31, 48];
const clear = buildFragment(sizes.map((n, i) => Uint8Array.from({ length: n }, (_, j) => i + j)));

/** One protected fragment per scheme × (whole samples | subsamples with a 1:9 pattern), and its protection. */
const bases = CENC_SCHEMES.flatMap((scheme) =>
  [false, true].map((subs) => {
    const cbc = scheme === 'cbc1' || scheme === 'cbcs';
    const constantIv = scheme === 'cbcs' ? new Uint8Array(16).fill(7) : undefined;
    const ivSize = cbc ? 16 : 8;
    const fragment = protectFragment(clear, {
      encrypt: true,
      key,
      scheme,
      cipher: aes128Cenc,
      pattern: { cryptByteBlock: 1, skipByteBlock: 9 },
      ...(constantIv === undefined
        ? { ivOf: (i: number) => new Uint8Array(ivSize).fill(i + 1) }
        : { constantIv }),
      ...(subs
        ? {
            subsamplesOf: (_: number, size: number) => {
              const protectedBytes = Math.max(0, size - 5) - (Math.max(0, size - 5) % 16);
              return [{ clearBytes: size - protectedBytes, protectedBytes }];
            },
          }
        : {}),
    });
    const protection: TrackProtection = {
      scheme,
      tenc: {
        version: 1,
        isProtected: 1,
        perSampleIvSize: constantIv === undefined ? ivSize : 0,
        defaultKid: KID,
        cryptByteBlock: 1,
        skipByteBlock: 9,
        constantIv: constantIv ?? null,
      },
    };
    return { fragment, protection };
  }),
);

const decrypt = (fragment: Uint8Array, protection: TrackProtection | undefined) =>
  decryptCencFragment(fragment, {
    defaultKid: KID,
    lookupKey: () => key,
    cipher: aes128Cenc,
    ...(protection === undefined ? {} : { protection }),
  });

/** Every box of a decrypted fragment walks cleanly: nothing broken is ever written out. */
function assertWellFormed(out: Uint8Array): void {
  for (const top of readBoxes(out)) {
    if (top.type !== 'moof') continue;
    for (const child of readChildBoxes(out, top))
      if (child.type === 'traf') for (const _ of readChildBoxes(out, child)) void _;
  }
}

const u32Values = [0, 1, 8, 16, 0x10_0000, 0xffff_ffff, 0x8000_0000];
const mutation = fc.oneof(
  fc.tuple(fc.constant('byte' as const), fc.nat(), fc.integer({ min: 0, max: 255 })),
  fc.tuple(fc.constant('u32' as const), fc.nat(), fc.constantFrom(...u32Values)),
);

test.prop(
  [
    fc.nat(bases.length - 1),
    fc.boolean(),
    fc.array(mutation, { minLength: 1, maxLength: 6 }),
    fc.option(fc.nat(), { nil: undefined }),
  ],
  { numRuns: fuzzRuns(400) },
)(
  'mutated fragments of every scheme: the decryptor returns a well-formed fragment or throws a LegatoError, in bounded time',
  (which, withProtection, edits, cut) => {
    const base = bases[which]!;
    const bytes = base.fragment.slice();
    for (const [kind, at, value] of edits) {
      const p = at % bytes.length;
      if (kind === 'byte') bytes[p] = value;
      else bytes.set(u32Bytes(value).subarray(0, Math.min(4, bytes.length - p)), p);
    }
    const input = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
    const t0 = performance.now();
    let out: Uint8Array | undefined;
    try {
      out = decrypt(input, withProtection ? base.protection : undefined);
    } catch (error) {
      if (!isLegatoError(error)) throw error;
    }
    expect(performance.now() - t0).toBeLessThan(250);
    if (out !== undefined) assertWellFormed(out);
  },
);

describe('fuzz findings, pinned', () => {
  it('every base fragment decrypts back to the clear one', () => {
    for (const { fragment, protection } of bases)
      expect(decrypt(fragment, protection)).toEqual(clear);
  });

  it('a traf of size 0 is refused, not written out broken', () => {
    const { fragment, protection } = bases[0]!;
    const bytes = fragment.slice();
    const traf = [...readChildBoxes(bytes, [...readBoxes(bytes)][0]!)].find(
      (b) => b.type === 'traf',
    )!;
    bytes.set(u32Bytes(0), traf.start);
    let caught: unknown;
    try {
      decrypt(bytes, protection);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'CDM_DECRYPT_FAILED' });
    expect(String((caught as { cause?: unknown }).cause)).toMatch(/declared size 0/);
  });

  it('senc and trun claiming 2^20 samples in a 100 kB fragment are refused within 100 ms', () => {
    const count = 1 << 20;
    const tfhd = writeTfhd({
      flags: TfhdFlags.defaultBaseIsMoof,
      trackId: 1,
      defaultSampleSize: 0,
      defaultSampleDuration: 1,
    });
    const senc = writeFullBox('senc', 0, 0, u32Bytes(count));
    const trunFor = (dataOffset: number) =>
      writeFullBox('trun', 0, 0x001, u32Bytes(count), u32Bytes(dataOffset));
    const moofFor = (trun: Uint8Array) =>
      writeBox('moof', writeMfhd(1), writeBox('traf', tfhd, trun, senc));
    const size = moofFor(trunFor(0)).length;
    const fragment = concatBytes([
      moofFor(trunFor(size + 8)),
      writeBox('mdat', new Uint8Array(100_000)),
    ]);
    for (const protection of [bases[6]!.protection, undefined]) {
      const t0 = performance.now();
      let caught: unknown;
      try {
        decrypt(fragment, protection);
      } catch (error) {
        caught = error;
      }
      expect(isLegatoError(caught), String(caught)).toBe(true);
      expect(performance.now() - t0).toBeLessThan(100);
    }
  });
});

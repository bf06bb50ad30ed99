import { fc, test } from '@fast-check/vitest';
import {
  CENC_SCHEMES,
  type CencScheme,
  locateSamples,
  parseMediaSegment,
  type Subsample,
  type TrackProtection,
} from '@legato/isobmff';
import { expect } from 'vitest';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';
import { buildFragment } from '../_test/build-fragment.js';
import { referenceDecryptSample } from '../_test/reference-cenc.js';
import { decryptCencFragment } from './decrypt-cenc-fragment.js';
import { protectFragment } from './protect-fragment.js';

const KID = 'ab'.repeat(16);

/** A subsample map covering `size` bytes from random cut points (whole protected blocks for cbc1). */
function subsampleMap(scheme: CencScheme, size: number, cuts: readonly number[]): Subsample[] {
  const out: Subsample[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (at >= size) break;
    const clearBytes = Math.min(cut % 40, size - at, 0xffff);
    at += clearBytes;
    let protectedBytes = Math.min((cut * 7) % 300, size - at);
    if (scheme === 'cbc1') protectedBytes -= protectedBytes % 16;
    at += protectedBytes;
    out.push({ clearBytes, protectedBytes });
  }
  if (at < size) out.push({ clearBytes: Math.min(size - at, 0xffff), protectedBytes: 0 });
  return out;
}

const caseArb = fc.record({
  scheme: fc.constantFrom(...CENC_SCHEMES),
  // Explicit lengths: fast-check's default size would keep most samples under one AES block.
  samples: fc.array(
    fc.integer({ min: 0, max: 400 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
    { minLength: 1, maxLength: 12 },
  ),
  key: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  ivSeed: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  ivBytes: fc.constantFrom(8, 16),
  constant: fc.boolean(),
  subsamples: fc.option(fc.array(fc.nat(5000), { minLength: 1, maxLength: 5 }), {
    nil: undefined,
  }),
  crypt: fc.integer({ min: 0, max: 4 }),
  skip: fc.integer({ min: 0, max: 9 }),
});

test.prop([caseArb], { numRuns: 150 })(
  'every scheme: what the packager writes, a plain per-spec decryptor reads back, and decryptCencFragment gives back the clear fragment',
  (c) => {
    const cbc = c.scheme === 'cbc1' || c.scheme === 'cbcs';
    const ivSize = cbc ? 16 : c.ivBytes;
    const ivOf = (i: number) =>
      c.ivSeed.map((b, j) => (b + i * (j + 1)) & 0xff).subarray(0, ivSize);
    const constantIv = c.constant ? ivOf(77) : undefined;
    const clear = buildFragment(c.samples);
    const subsamplesOf =
      c.subsamples === undefined
        ? undefined
        : (_: number, size: number) => subsampleMap(c.scheme, size, c.subsamples!);
    const encrypted = protectFragment(clear, {
      encrypt: true,
      key: c.key,
      scheme: c.scheme,
      cipher: aes128Cenc,
      pattern: { cryptByteBlock: c.crypt, skipByteBlock: c.skip },
      ...(constantIv === undefined ? { ivOf } : { constantIv }),
      ...(subsamplesOf === undefined ? {} : { subsamplesOf }),
    });
    // The plain reference, sample by sample, from what the boxes say.
    const [fragment] = parseMediaSegment(encrypted, {
      perSampleIvSize: constantIv === undefined ? ivSize : 0,
    }).fragments;
    const traf = fragment!.trafs[0]!;
    const located = locateSamples({ ...traf, moofStart: fragment!.moofStart });
    located.forEach((s, i) => {
      const aux = traf.senc?.samples[i];
      const plain = referenceDecryptSample(
        c.scheme,
        c.key,
        constantIv ?? aux!.iv,
        encrypted.subarray(s.offset, s.offset + s.size),
        aux?.subsamples ?? null,
        c.crypt,
        c.skip,
      );
      expect(plain).toEqual(c.samples[i]);
    });
    const protection: TrackProtection = {
      scheme: c.scheme,
      tenc: {
        version: 1,
        isProtected: 1,
        perSampleIvSize: constantIv === undefined ? ivSize : 0,
        defaultKid: KID,
        cryptByteBlock: c.crypt,
        skipByteBlock: c.skip,
        constantIv: constantIv ?? null,
      },
    };
    const decrypted = decryptCencFragment(encrypted, {
      defaultKid: KID,
      lookupKey: () => c.key,
      cipher: aes128Cenc,
      protection,
    });
    expect(decrypted).toEqual(clear);
  },
);

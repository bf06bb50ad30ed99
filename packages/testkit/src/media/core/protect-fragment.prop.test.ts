import { test } from '@fast-check/vitest';
import { locateSamples, parseMediaSegment } from '@legato/isobmff';
import fc from 'fast-check';
import { expect } from 'vitest';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';
import { aes128Ctr } from '../_internal/aes-128-ctr.js';
import { buildFragment } from '../_test/build-fragment.js';
import { ctr } from '../_test/ctr.js';
import { decryptCencFragment, removeClearLeadMarkers } from './decrypt-cenc-fragment.js';
import { protectFragment } from './protect-fragment.js';

// Explicit lengths: fast-check's default size would keep most samples under one AES block.
const samplesArb = fc.array(
  fc.integer({ min: 0, max: 200 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
  { minLength: 1, maxLength: 24 },
);
const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });

test.prop(
  [
    samplesArb,
    bytes16,
    fc.array(fc.uint8Array({ minLength: 8, maxLength: 8 }), { minLength: 24, maxLength: 24 }),
  ],
  {
    numRuns: 60,
  },
)(
  'encrypt → decrypt is the identity for random sample sizes, keys and IVs',
  (samples, key, ivs) => {
    const clear = buildFragment(samples);
    const protectedFragment = protectFragment(clear, {
      encrypt: true,
      key,
      ivOf: (i) => ivs[i]!,
      cipher: aes128Cenc,
    });
    const kid = 'ab'.repeat(16);
    const decrypted = decryptCencFragment(protectedFragment, {
      defaultKid: kid,
      lookupKey: () => key,
      cipher: aes128Cenc,
    });
    expect(decrypted).toEqual(clear);
  },
);

test.prop(
  [
    samplesArb,
    fc.array(fc.uint8Array({ minLength: 16, maxLength: 16 }), { minLength: 24, maxLength: 24 }),
    bytes16,
  ],
  {
    numRuns: 30,
  },
)('16-byte IVs round trip too (IV size inferred from saiz)', (samples, ivs, key) => {
  const clear = buildFragment(samples);
  const out = protectFragment(clear, {
    encrypt: true,
    key,
    ivOf: (i) => ivs[i]!,
    cipher: aes128Cenc,
  });
  expect(
    decryptCencFragment(out, {
      defaultKid: 'cd'.repeat(16),
      lookupKey: () => key,
      cipher: aes128Cenc,
    }),
  ).toEqual(clear);
});

test.prop([samplesArb], { numRuns: 40 })('clear-lead marking is undone exactly', (samples) => {
  const clear = buildFragment(samples);
  expect(removeClearLeadMarkers(protectFragment(clear, { encrypt: false }))).toEqual(clear);
});

test.prop([bytes16, bytes16, fc.uint8Array({ maxLength: 300 })], { numRuns: 100 })(
  'aes128Ctr equals node:crypto aes-128-ctr, including 128-bit counter carries',
  async (key, iv, data) => {
    const { createCipheriv } = await import('node:crypto');
    const reference = createCipheriv('aes-128-ctr', key, iv).update(data);
    expect(ctr(key, iv, data)).toEqual(new Uint8Array(reference));
    const carry = Uint8Array.from({ length: 16 }, (_, i) => (i < 8 ? iv[i]! : 0xff));
    expect(ctr(key, carry, data)).toEqual(
      new Uint8Array(createCipheriv('aes-128-ctr', key, carry).update(data)),
    );
  },
);

test.prop(
  [
    bytes16,
    fc.array(
      fc.tuple(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  ],
  {
    numRuns: 60,
  },
)('a batched call equals one node:crypto stream per run across its spans', async (key, runs) => {
  const { createCipheriv } = await import('node:crypto');
  let size = 0;
  const layout = runs.map(([iv, lengths]) => ({
    iv,
    spans: lengths.map((n) => {
      size += n + 3;
      return [size - n, n] as const;
    }),
  }));
  const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31) & 0xff);
  const expected = Uint8Array.from(bytes);
  for (const run of layout) {
    const joined = Buffer.concat(run.spans.map(([o, n]) => expected.subarray(o, o + n)));
    const out = createCipheriv('aes-128-ctr', key, Buffer.concat([run.iv, Buffer.alloc(8)])).update(
      joined,
    );
    let j = 0;
    for (const [o, n] of run.spans) {
      expected.set(out.subarray(j, j + n), o);
      j += n;
    }
  }
  aes128Ctr(key, bytes, layout);
  expect(bytes).toEqual(expected);
});

test.prop([samplesArb, bytes16], { numRuns: 40 })(
  'protected fragments read back through @legato/isobmff: senc IVs, saio → first IV, samples where trun says',
  (samples, key) => {
    const ivs = samples.map((_, i) => Uint8Array.from({ length: 8 }, (_, j) => (i * 7 + j) & 0xff));
    const out = protectFragment(buildFragment(samples), {
      encrypt: true,
      key,
      ivOf: (i) => ivs[i]!,
      cipher: aes128Cenc,
    });
    const [fragment] = parseMediaSegment(out, { perSampleIvSize: 8 }).fragments;
    const traf = fragment!.trafs[0]!;
    expect(traf.senc?.samples.map((s) => s.iv)).toEqual(ivs);
    expect(traf.saiz).toMatchObject({ defaultSampleInfoSize: 8, sampleCount: samples.length });
    const firstIv = fragment!.moofStart + traf.saio!.offsets[0]!;
    expect(out.subarray(firstIv, firstIv + 8)).toEqual(ivs[0]);
    const located = locateSamples({
      ...traf,
      moofStart: fragment!.moofStart,
      bufferBytes: out.length,
    });
    expect(located.map((s) => s.size)).toEqual(samples.map((s) => s.length));
    expect(located[0]!.offset).toBe(fragment!.mdat!.start + 8);
  },
);

import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { expect } from 'vitest';
import { aes128Ctr } from '../_internal/aes-128-ctr.js';
import { buildFragment } from '../_test/build-fragment.js';
import { decryptCencFragment, removeClearLeadMarkers } from './decrypt-cenc-fragment.js';
import { protectFragment } from './protect-fragment.js';

const samplesArb = fc.array(fc.uint8Array({ minLength: 0, maxLength: 200 }), {
  minLength: 1,
  maxLength: 24,
});
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
      cipher: aes128Ctr,
    });
    const kid = 'ab'.repeat(16);
    const decrypted = decryptCencFragment(protectedFragment, {
      defaultKid: kid,
      lookupKey: () => key,
      cipher: aes128Ctr,
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
    cipher: aes128Ctr,
  });
  expect(
    decryptCencFragment(out, {
      defaultKid: 'cd'.repeat(16),
      lookupKey: () => key,
      cipher: aes128Ctr,
    }),
  ).toEqual(clear);
});

test.prop([samplesArb], { numRuns: 40 })('clear-lead marking is undone exactly', (samples) => {
  const clear = buildFragment(samples);
  expect(removeClearLeadMarkers(protectFragment(clear, { encrypt: false }))).toEqual(clear);
});

import { fc, test } from '@fast-check/vitest';
import {
  decodeWidevinePsshData,
  encodeWidevinePsshData,
  type WidevinePsshData,
} from '@legato/isobmff';
import { expect } from 'vitest';
import { onlyLegatoErrors } from '../../_test/expect-malformed.js';

const kidArb = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map((b) => Buffer.from(b).toString('hex'));
const fourccArb = fc.stringMatching(/^[a-z0-9]{4}$/);

const dataArb: fc.Arbitrary<WidevinePsshData> = fc.record(
  {
    algorithm: fc.integer({ min: 0, max: 0xffffffff }),
    keyIds: fc.array(kidArb, { maxLength: 4 }),
    provider: fc.string({ maxLength: 20 }),
    contentId: fc.uint8Array({ maxLength: 40 }),
    policy: fc.string({ maxLength: 20 }),
    cryptoPeriodIndex: fc.integer({ min: 0, max: 0xffffffff }),
    protectionScheme: fourccArb,
  },
  { requiredKeys: ['keyIds'] },
);

test.prop([dataArb], { numRuns: 200 })('encode → decode is the identity', (data) => {
  expect(decodeWidevinePsshData(encodeWidevinePsshData(data))).toEqual(data);
});

test.prop([fc.uint8Array({ maxLength: 200 })], { numRuns: 500 })(
  'random bytes only ever throw LegatoError',
  (bytes) => {
    onlyLegatoErrors(() => decodeWidevinePsshData(bytes));
  },
);

test.prop(
  [
    dataArb,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.nat(),
  ],
  {
    numRuns: 300,
  },
)('mutated and truncated encodings only ever throw LegatoError', (data, edits, cut) => {
  const bytes = encodeWidevinePsshData(data);
  for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
  onlyLegatoErrors(() =>
    decodeWidevinePsshData(bytes.subarray(0, bytes.length === 0 ? 0 : cut % (bytes.length + 1))),
  );
});

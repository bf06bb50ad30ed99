import {
  decodeWidevinePsshData,
  encodeWidevinePsshData,
  type WidevinePsshData,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, concat, hex } from '../../_test/bytes.js';
import { expectMalformed } from '../../_test/expect-malformed.js';

const KID = '6b0ba9c2a1cb5a19b6f3a0c8b0e3a7d1';
const CENC_VARINT = [0xe3, 0xdc, 0x95, 0x9b, 0x06]; // 0x63656e63 'cenc'

/** algorithm=1, key_id, provider "amazon", content_id 0xcafe, policy "p", crypto_period_index=3, protection_scheme 'cenc'. */
const FULL = concat(
  [0x08, 0x01],
  [0x12, 0x10],
  hex(KID),
  [0x1a, 0x06],
  ascii('amazon'),
  [0x22, 0x02, 0xca, 0xfe],
  [0x32, 0x01],
  ascii('p'),
  [0x38, 0x03],
  [0x48],
  CENC_VARINT,
);

const FULL_DATA: WidevinePsshData = {
  algorithm: 1,
  keyIds: [KID],
  provider: 'amazon',
  contentId: new Uint8Array([0xca, 0xfe]),
  policy: 'p',
  cryptoPeriodIndex: 3,
  protectionScheme: 'cenc',
};

describe('decodeWidevinePsshData', () => {
  it('decodes every known field', () => {
    expect(decodeWidevinePsshData(FULL)).toEqual(FULL_DATA);
  });

  it('omits absent fields and keeps repeated key ids in order', () => {
    const two = concat([0x12, 0x10], hex(KID), [0x12, 0x10], new Array(16).fill(0xaa));
    expect(decodeWidevinePsshData(two)).toEqual({ keyIds: [KID, 'aa'.repeat(16)] });
    expect(decodeWidevinePsshData(new Uint8Array(0))).toEqual({ keyIds: [] });
  });

  it('skips unknown fields of every wire type, groups included', () => {
    const unknown = concat(
      [0x28, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], // 5: varint (2^64-1)
      [0x41, 1, 2, 3, 4, 5, 6, 7, 8], // 8: fixed64
      [0x52, 0x02, 0x99, 0x99], // 10: bytes
      [0x5d, 1, 2, 3, 4], // 11: fixed32
      [0x63, 0x08, 0x05, 0x6b, 0x70, 0x00, 0x6c, 0x64], // 12: group{1: 5, 13: group{6: 0}}
    );
    expect(decodeWidevinePsshData(concat(unknown, FULL))).toEqual(decodeWidevinePsshData(FULL));
  });

  it('rejects truncation, bad lengths, bad wire types and unterminated groups', () => {
    expectMalformed(
      () => decodeWidevinePsshData(FULL.subarray(0, 10)),
      /WidevinePsshData: key_id declares 16 bytes but only 6 remain/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x12, 0x02, 1, 2])),
      /key_id expected 16 bytes, received 2/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x0a, 0x00])),
      /algorithm: expected wire type 0, received 2/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x63, 0x08, 0x01])),
      /unterminated group 12/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x08, 0x80])),
      /truncated varint in algorithm/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x00])),
      /field number 0 is invalid/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x1a, 0x01, 0xff])),
      /provider is not valid UTF-8/,
    );
    expectMalformed(
      () => decodeWidevinePsshData(new Uint8Array([0x57])),
      /unexpected wire type 7 for field 10/,
    );
  });
});

describe('encodeWidevinePsshData', () => {
  it('encodes in field order, byte for byte', () => {
    expect(encodeWidevinePsshData(FULL_DATA)).toEqual(FULL);
  });

  it('rejects a bad protection scheme and out-of-range integers', () => {
    expect(() => encodeWidevinePsshData({ keyIds: [], protectionScheme: 'cenc2' })).toThrow(
      /expected a four-character code/,
    );
    expect(() => encodeWidevinePsshData({ keyIds: [], algorithm: -1 })).toThrow(
      /algorithm: expected an integer/,
    );
  });
});

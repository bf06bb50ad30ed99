import { fc, test } from '@fast-check/vitest';
import { concatBytes, decodeBase64, encodeBase64 } from '@legato/isobmff';
import { describe, expect, it } from 'vitest';

describe('base64', () => {
  test.prop([fc.uint8Array({ maxLength: 300 })], { numRuns: 300 })(
    'round-trips and matches Node base64 / base64url',
    (bytes) => {
      const b64 = encodeBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(encodeBase64(bytes, { url: true })).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64(b64)).toEqual(bytes);
      expect(decodeBase64(encodeBase64(bytes, { url: true }))).toEqual(bytes);
    },
  );

  test.prop([fc.string({ maxLength: 40 })], { numRuns: 500 })(
    'accepts only canonical encodings and never throws',
    (text) => {
      const decoded = decodeBase64(text);
      if (decoded !== undefined)
        expect(encodeBase64(decoded).replace(/=+$/, '')).toBe(
          text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''),
        );
    },
  );

  test.prop([fc.uint8Array({ minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 20 })])(
    'ignoreWhitespace decodes text wrapped over lines',
    (bytes, width) => {
      const b64 = encodeBase64(bytes);
      const wrapped = b64.replace(new RegExp(`(.{${width}})`, 'g'), '$1\n  ');
      expect(decodeBase64(wrapped, { ignoreWhitespace: true })).toEqual(bytes);
      if (wrapped !== b64) expect(decodeBase64(wrapped)).toBeUndefined();
    },
  );

  it('rejects bad padding, impossible lengths and non-zero trailing bits', () => {
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64('QQ')).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64('QR==')).toBeUndefined(); // trailing bits set
    expect(decodeBase64('QQ=')).toBeUndefined(); // padded to the wrong length
    expect(decodeBase64('Q===')).toBeUndefined();
    expect(decodeBase64('QQ==QQ==')).toBeUndefined(); // padding inside
    expect(decodeBase64('A')).toBeUndefined();
    expect(decodeBase64('é')).toBeUndefined();
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
  });
});

describe('concatBytes', () => {
  test.prop([fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 })])(
    'equals Buffer.concat and copies',
    (parts) => {
      const out = concatBytes(parts);
      expect(Buffer.from(out)).toEqual(Buffer.concat(parts));
      if (parts[0] !== undefined && parts[0].length > 0)
        expect(out.buffer).not.toBe(parts[0].buffer);
    },
  );
});

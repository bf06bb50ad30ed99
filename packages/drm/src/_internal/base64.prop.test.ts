import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.js';

test.prop([fc.uint8Array({ maxLength: 300 })], { numRuns: 200 })(
  'round-trips and matches Node base64/base64url',
  (bytes) => {
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(bytes, true)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(base64ToBytes(b64)).toEqual(bytes);
    expect(base64ToBytes(bytesToBase64(bytes, true))).toEqual(bytes);
  },
);

test.prop([fc.string({ maxLength: 40 })], { numRuns: 300 })(
  'rejects what is not base64 and never throws',
  (text) => {
    const decoded = base64ToBytes(text);
    if (decoded !== undefined)
      expect(bytesToBase64(decoded).replace(/=+$/, '')).toBe(
        text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''),
      );
  },
);

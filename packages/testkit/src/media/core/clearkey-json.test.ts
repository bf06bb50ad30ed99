import { test } from '@fast-check/vitest';
import {
  encodeClearKeyLicense,
  encodeClearKeyRequest,
  MAX_CLEARKEY_JSON_BYTES,
  parseClearKeyLicense,
  parseClearKeyRequest,
} from '@legato/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const enc = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const hex16 = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map((b) => Buffer.from(b).toString('hex'));

describe('ClearKey JSON', () => {
  it('writes the W3C request form with unpadded base64url key ids', () => {
    const bytes = encodeClearKeyRequest([
      'ffffffffffffffffffffffffffffffff',
      '000102030405060708090a0b0c0d0e0f',
    ]);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({
      kids: ['_____________________w', 'AAECAwQFBgcICQoLDA0ODw'],
      type: 'temporary',
    });
  });

  it('reads licenses with an optional legato expiration (epoch ms)', () => {
    const license = parseClearKeyLicense(
      enc({
        keys: [{ kty: 'oct', kid: 'AAECAwQFBgcICQoLDA0ODw', k: '_____________________w' }],
        type: 'temporary',
        expiration: 1_767_225_600_000,
      }),
    );
    expect(license).toEqual({
      keys: [{ kid: '000102030405060708090a0b0c0d0e0f', key: 'ffffffffffffffffffffffffffffffff' }],
      expirationMs: 1_767_225_600_000,
      type: 'temporary',
    });
    expect(
      parseClearKeyLicense(encodeClearKeyLicense({ keys: license.keys })).expirationMs,
    ).toBeNaN();
  });

  it.each([
    ['not JSON', '{', /expected UTF-8 JSON/],
    ['an array', '[]', /expected a JSON object, received an array/],
    ['no keys', { keys: [] }, /non-empty "keys" array/],
    [
      'wrong kty',
      { keys: [{ kty: 'RSA', kid: 'AAECAwQFBgcICQoLDA0ODw', k: 'AAECAwQFBgcICQoLDA0ODw' }] },
      /kty: expected "oct"/,
    ],
    [
      'short key',
      { keys: [{ kty: 'oct', kid: 'AAECAwQFBgcICQoLDA0ODw', k: 'AAEC' }] },
      /expected a base64url 16-byte key, received 3 bytes/,
    ],
    [
      'bad kid',
      { keys: [{ kty: 'oct', kid: '*', k: 'AAECAwQFBgcICQoLDA0ODw' }] },
      /kid: expected a base64url 16-byte key id/,
    ],
    [
      'bad expiration',
      {
        keys: [{ kty: 'oct', kid: 'AAECAwQFBgcICQoLDA0ODw', k: 'AAECAwQFBgcICQoLDA0ODw' }],
        expiration: 'soon',
      },
      /expected epoch milliseconds/,
    ],
  ])('rejects a license that is %s with CDM_LICENSE_INVALID', (_name, body, message) => {
    expect(() => parseClearKeyLicense(enc(body))).toThrow(
      expect.objectContaining({
        code: 'CDM_LICENSE_INVALID',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('bounds the input size', () => {
    expect(() => parseClearKeyRequest(new Uint8Array(MAX_CLEARKEY_JSON_BYTES + 1))).toThrow(
      /at most 65536 bytes/,
    );
  });

  test.prop([fc.array(hex16, { minLength: 1, maxLength: 8 })], { numRuns: 50 })(
    'request encode → parse is the identity',
    (kids) => {
      expect(parseClearKeyRequest(encodeClearKeyRequest(kids)).kids).toEqual(kids);
    },
  );

  test.prop(
    [
      fc.array(fc.record({ kid: hex16, key: hex16 }), { minLength: 1, maxLength: 8 }),
      fc.option(fc.integer({ min: 0 }), { nil: undefined }),
    ],
    {
      numRuns: 50,
    },
  )('license encode → parse is the identity', (keys, expirationMs) => {
    const parsed = parseClearKeyLicense(
      encodeClearKeyLicense({ keys, ...(expirationMs === undefined ? {} : { expirationMs }) }),
    );
    expect(parsed.keys).toEqual(keys);
    expect(parsed.expirationMs).toEqual(expirationMs ?? Number.NaN);
  });
});

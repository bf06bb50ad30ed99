import {
  buildKeyIdsInitData,
  normalizeKeyId,
  normalizeKeyIds,
  selectInitData,
  sessionCacheKey,
} from '@legato/drm';
import { describe, expect, it } from 'vitest';

const KID = '00112233445566778899aabbccddeeff';
const pssh = new Uint8Array([0, 0, 0, 32, 112, 115, 115, 104]);

describe('key ids and init data', () => {
  it('normalises UUID and upper-case hex key ids', () => {
    expect(normalizeKeyId('00112233-4455-6677-8899-AABBCCDDEEFF')).toBe(KID);
    expect(normalizeKeyIds([KID, KID.toUpperCase(), 'ffffffffffffffffffffffffffffffff'])).toEqual([
      KID,
      'f'.repeat(32),
    ]);
    expect(() => normalizeKeyId('xyz')).toThrow(
      /keyId: expected 32 hex digits \(UUID or plain\), received 'xyz'/,
    );
  });

  it('builds W3C keyids init data with base64url ids', () => {
    expect(new TextDecoder().decode(buildKeyIdsInitData([KID]))).toBe(
      '{"kids":["ABEiM0RVZneImaq7zN3u_w"]}',
    );
  });

  it('prefers explicit init data, then the Widevine pssh (Widevine only), then keyids', () => {
    const explicit = { initDataType: 'webm' as const, initData: new Uint8Array([1]) };
    expect(
      selectInitData(
        { keyIds: [KID], widevinePssh: pssh, initData: explicit },
        'com.widevine.alpha',
      ),
    ).toBe(explicit);
    expect(selectInitData({ keyIds: [KID], widevinePssh: pssh }, 'com.widevine.alpha')).toEqual({
      initDataType: 'cenc',
      initData: pssh,
    });
    expect(
      selectInitData({ keyIds: [KID], widevinePssh: pssh }, 'org.w3.clearkey')?.initDataType,
    ).toBe('keyids');
    expect(selectInitData({ keyIds: [] }, 'org.w3.clearkey')).toBeUndefined();
  });

  it('keys the session cache by key system and key-id set, not by init data form', () => {
    expect(sessionCacheKey('org.w3.clearkey', [KID, 'f'.repeat(32)])).toBe(
      sessionCacheKey('org.w3.clearkey', ['F'.repeat(32), KID]),
    );
    expect(sessionCacheKey('com.widevine.alpha', [KID])).not.toBe(
      sessionCacheKey('org.w3.clearkey', [KID]),
    );
  });
});

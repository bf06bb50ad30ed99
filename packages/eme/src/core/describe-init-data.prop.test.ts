import { fc, test } from '@fast-check/vitest';
import { describeInitData, isKnownInitData } from '@legato/eme';
import {
  COMMON_SYSTEM_ID,
  encodeWidevinePsshData,
  PLAYREADY_SYSTEM_ID,
  WIDEVINE_SYSTEM_ID,
  writePssh,
} from '@legato/isobmff';
import { expect } from 'vitest';

const kid = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map((b) => Buffer.from(b).toString('hex'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

test.prop(
  [
    fc.constantFrom('cenc', 'keyids', 'webm', 'other'),
    fc.uint8Array({ maxLength: 200 }),
    fc.constantFrom('com.widevine.alpha', 'org.w3.clearkey', 'x'),
  ],
  { numRuns: 300 },
)('never throws on arbitrary init data', (type, bytes, keySystem) => {
  const d = describeInitData(type, bytes, keySystem);
  expect(d.fingerprint.startsWith(`${type}:`)).toBe(true);
  for (const k of d.keyIds) expect(k).toMatch(/^[0-9a-f]{32}$/);
});

test.prop([fc.array(kid, { minLength: 1, maxLength: 3 }), fc.uint8Array({ maxLength: 30 })], {
  numRuns: 150,
})(
  'other DRM systems and box order do not change what a Widevine pssh means',
  (kids, playreadyData) => {
    const wv = writePssh({
      systemId: WIDEVINE_SYSTEM_ID,
      data: encodeWidevinePsshData({ keyIds: kids }),
    });
    const pr = writePssh({ systemId: PLAYREADY_SYSTEM_ID, data: playreadyData });
    const common = writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: kids });
    const alone = describeInitData('cenc', wv, 'com.widevine.alpha');
    expect(describeInitData('cenc', concat(pr, wv, common), 'com.widevine.alpha')).toEqual(alone);
    expect(describeInitData('cenc', concat(common, wv), 'com.widevine.alpha')).toEqual(alone);
    expect(alone.keyIds).toEqual([...new Set(kids)].sort());
    // ClearKey reads the common pssh; the same key ids make it "known" once the Widevine one is.
    const ck = describeInitData('cenc', concat(wv, common), 'org.w3.clearkey');
    expect(ck.keyIds).toEqual(alone.keyIds);
    expect(isKnownInitData(ck, new Set(), new Set(alone.keyIds))).toBe(true);
    expect(isKnownInitData(ck, new Set(), new Set())).toBe(false);
  },
);

test.prop([fc.array(kid, { minLength: 1, maxLength: 4 })], { numRuns: 100 })(
  'keyids JSON: key ids decoded from base64url, order-free',
  (kids) => {
    const b64u = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
    const json = (list: string[]) =>
      new TextEncoder().encode(JSON.stringify({ kids: list.map(b64u) }));
    const a = describeInitData('keyids', json(kids), 'org.w3.clearkey');
    expect(a.keyIds).toEqual([...kids].sort());
    expect(
      describeInitData('keyids', json([...kids].reverse()), 'org.w3.clearkey').fingerprint,
    ).toBe(a.fingerprint);
  },
);

import { decryptFragment, widevineDeviceCdm } from '@legato/eme';
import { hasErrorCode } from '@legato/errors';
import { CENC_SCHEMES, parseInitSegment, readTrackProtection } from '@legato/isobmff';
import {
  aes128Cenc,
  createIvSequence,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
  protectFragment,
  protectInitSegment,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { FakeWidevineCeCdm } from '../_test/fake-widevine-ce-cdm.js';
import { splitFixture } from '../_test/media.js';

const KID = '0123456789abcdef0123456789abcdef';
const KEY = Uint8Array.from(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
const { init, fragments } = splitFixture('flac-2s.mp4');
const tenc = parseInitSegment(protectInitSegment(init, { kid: KID, psshBoxes: [] })).tracks[0]!
  .sampleEntry!.sinf!.tenc!;

describe('decryptFragment', () => {
  it('leaves clear-lead samples (seig isProtected = 0) untouched and never calls the CDM for them', async () => {
    const clearLead = protectFragment(fragments[0]!, { encrypt: false });
    let calls = 0;
    const out = await decryptFragment(clearLead, { tenc, scheme: 'cenc' }, async (s) => {
      calls++;
      return s.data;
    });
    expect(calls).toBe(0);
    expect(out).toEqual(clearLead);
    expect(out).not.toBe(clearLead);
  });

  it('asks the CDM once per protected sample with the tenc KID and the senc IV', async () => {
    const ivOf = createIvSequence('decrypt-fragment-test');
    const encrypted = protectFragment(fragments[1]!, {
      encrypt: true,
      key: KEY,
      ivOf: (i) => ivOf('flac', i),
      cipher: aes128Cenc,
    });
    const seen: { kid: string; iv: string; size: number; subsamples: unknown }[] = [];
    await decryptFragment(encrypted, { tenc, scheme: 'cenc' }, async (s) => {
      seen.push({
        kid: Buffer.from(s.keyId).toString('hex'),
        iv: Buffer.from(s.iv).toString('hex'),
        size: s.data.length,
        subsamples: s.subsamples,
      });
      return s.data;
    });
    expect(seen.length).toBeGreaterThanOrEqual(10); // ~1 s of 48 kHz FLAC in 4608-sample frames
    expect(new Set(seen.map((s) => s.kid))).toEqual(new Set([KID]));
    expect(seen.map((s) => s.iv)).toEqual(
      seen.map((_, i) => Buffer.from(ivOf('flac', i)).toString('hex')),
    );
    expect(seen.every((s) => s.subsamples === null && s.size > 0)).toBe(true);
  });

  it('rejects a CDM answer of the wrong length instead of corrupting the fragment', async () => {
    const ivOf = createIvSequence('decrypt-fragment-test');
    const encrypted = protectFragment(fragments[1]!, {
      encrypt: true,
      key: KEY,
      ivOf: (i) => ivOf('flac', i),
      cipher: aes128Cenc,
    });
    const error = await decryptFragment(encrypted, { tenc, scheme: 'cenc' }, async (s) =>
      s.data.subarray(1),
    ).catch((e) => e);
    expect((error as { code?: string }).code).toBe('CDM_DECRYPT_FAILED');
    expect((error as Error).message).toMatch(
      /^sample 0 of track 1: expected \d+ decrypted bytes, received \d+$/,
    );
  });
});

describe('decryptFragment in every CENC scheme, through a CE-CDM-shaped binding', () => {
  const iv16 = (n: number) => Uint8Array.from({ length: 16 }, (_, i) => (n * 31 + i) & 0xff);

  it.each(CENC_SCHEMES)(
    '%s: the binding gets the scheme, IVs, subsamples and pattern, and the samples come back clear',
    async (scheme) => {
      const constantIv = scheme === 'cbcs' ? iv16(3) : undefined;
      const protectedInit = protectInitSegment(init, {
        kid: KID,
        psshBoxes: [],
        scheme,
        ...(constantIv === undefined ? {} : { constantIv }),
        ...(scheme === 'cens' || scheme === 'cbcs'
          ? { pattern: { cryptByteBlock: 1, skipByteBlock: 9 } }
          : {}),
      });
      const protection = readTrackProtection(protectedInit)!;
      const clear = fragments[1]!;
      const encrypted = protectFragment(clear, {
        encrypt: true,
        key: KEY,
        scheme,
        cipher: aes128Cenc,
        ...(constantIv === undefined
          ? { ivOf: (i: number) => (scheme === 'cbc1' ? iv16(i) : iv16(i).subarray(0, 8)) }
          : { constantIv }),
        ...(scheme === 'cens' || scheme === 'cbcs'
          ? { pattern: { cryptByteBlock: 1, skipByteBlock: 9 } }
          : {}),
        // 7 clear bytes, the rest protected in whole blocks (a video-like subsample layout).
        subsamplesOf: (_: number, size: number) => {
          const protectedBytes = Math.max(0, size - 7) - (Math.max(0, size - 7) % 16);
          return [{ clearBytes: size - protectedBytes, protectedBytes }];
        },
      });
      const native = new FakeWidevineCeCdm();
      const cdm = widevineDeviceCdm(native);
      const session = cdm.createSession();
      await session.generateRequest('keyids', encodeClearKeyRequest([KID], 'temporary'));
      await session.update(
        encodeClearKeyLicense({ keys: [{ kid: KID, key: Buffer.from(KEY).toString('hex') }] }),
      );
      const seen: string[] = [];
      const out = await decryptFragment(encrypted, protection, (s) => {
        seen.push(
          `${s.scheme} ${s.iv.length} ${s.subsamples?.length} ${s.pattern?.encryptBlocks ?? 0}:${s.pattern?.skipBlocks ?? 0}`,
        );
        return cdm.decryptSample(s);
      });
      const pattern = scheme === 'cens' || scheme === 'cbcs' ? '1:9' : '0:0';
      expect(new Set(seen)).toEqual(
        new Set([`${scheme} ${scheme === 'cenc' || scheme === 'cens' ? 8 : 16} 1 ${pattern}`]),
      );
      // Same layout as the encrypted fragment; its mdat now holds the original samples.
      const tail = clear.length - mdatStart(clear);
      expect(
        Buffer.compare(out.subarray(out.length - tail), clear.subarray(clear.length - tail)),
      ).toBe(0);
    },
  );

  it('refuses a scheme outside the four, and IV sizes that disagree, before asking the CDM', async () => {
    const bad = protectInitSegment(init, { kid: KID, psshBoxes: [] });
    const schm = Buffer.from(bad).indexOf('cenc', Buffer.from(bad).indexOf('schm'));
    bad.set(Buffer.from('abcd'), schm);
    expect(() => readTrackProtection(bad)).toThrow(/schm: expected one of cenc, cbc1, cens, cbcs/);
    const encrypted = protectFragment(fragments[1]!, {
      encrypt: true,
      key: KEY,
      ivOf: (i) => iv16(i),
      cipher: aes128Cenc,
    });
    let calls = 0;
    const error = await decryptFragment(encrypted, { scheme: 'cenc', tenc }, async (s) => {
      calls++;
      return s.data;
    }).catch((e) => e);
    expect(hasErrorCode(error, 'ISOBMFF_ENCRYPTION_MISMATCH')).toBe(true);
    expect(calls).toBe(0);
  });
});

/** Offset of the mdat payload in a moof+mdat fragment. */
function mdatStart(fragment: Uint8Array): number {
  return Buffer.from(fragment).readUInt32BE(0) + 8;
}

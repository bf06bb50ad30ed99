import { decryptFragment } from '@legato/eme';
import { parseInitSegment } from '@legato/isobmff';
import { aes128Cenc, createIvSequence, protectFragment, protectInitSegment } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
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

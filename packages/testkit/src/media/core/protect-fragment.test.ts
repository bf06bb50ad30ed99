import { LegatoError } from '@legato/errors';
import { findBox, parseSenc, parseSgpd, readBoxes, writeBox } from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';
import { u32 } from '../_internal/bytes.js';
import { buildFragment } from '../_test/build-fragment.js';
import { ctr } from '../_test/ctr.js';
import { decryptCencFragment, removeClearLeadMarkers } from './decrypt-cenc-fragment.js';
import { createIvSequence } from './iv-sequence.js';
import { protectFragment } from './protect-fragment.js';

const key = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const kid = '0123456789abcdef0123456789abcdef';
const samples = [
  new Uint8Array(100).fill(7),
  new Uint8Array(33).fill(9),
  new Uint8Array(1).fill(3),
];
const ivs = createIvSequence('test');
const lookupKey = (k: string) => {
  if (k !== kid) throw new LegatoError('CDM_KEY_NOT_USABLE', `no key ${k}`);
  return key;
};

function sampleData(fragment: Uint8Array): Uint8Array {
  const moof = findBox(fragment, 'moof')!;
  const trun = findBox(fragment, 'moof/traf/trun')!;
  const dataOffset = u32(fragment, trun.start + 16);
  return fragment.subarray(moof.start + dataOffset, moof.start + dataOffset + 134);
}

describe('protectFragment', () => {
  it('marks a clear-lead fragment with sbgp + sgpd seig isProtected=0 and keeps its samples', () => {
    const clear = buildFragment(samples);
    const out = protectFragment(clear, { encrypt: false });
    expect(out.length).toBe(clear.length + 28 + 44);
    const sgpd = findBox(out, 'moof/traf/sgpd')!;
    expect(parseSgpd(out, sgpd).seig?.[0]).toMatchObject({
      isProtected: 0,
      perSampleIvSize: 0,
      kid: '0'.repeat(32),
    });
    const sbgp = findBox(out, 'moof/traf/sbgp')!;
    expect(u32(out, sbgp.start + 16)).toBe(1); // entry_count
    expect(u32(out, sbgp.start + 20)).toBe(3); // sample_count
    expect(u32(out, sbgp.start + 24)).toBe(0x10001); // fragment-local sgpd entry 1
    expect(sampleData(out)).toEqual(sampleData(clear));
    expect(removeClearLeadMarkers(out)).toEqual(clear);
  });

  it('encrypts whole samples with AES-128-CTR and writes senc/saiz/saio that point at the IVs', () => {
    const clear = buildFragment(samples);
    const out = protectFragment(clear, {
      encrypt: true,
      key,
      ivOf: (i) => ivs('a', i),
      cipher: aes128Cenc,
    });
    expect([...readBoxes(out)].map((b) => b.type)).toEqual(['moof', 'mdat']);
    expect(sampleData(out)).not.toEqual(sampleData(clear));
    const moof = findBox(out, 'moof')!;
    const senc = findBox(out, 'moof/traf/senc')!;
    const saio = findBox(out, 'moof/traf/saio')!;
    const saiz = findBox(out, 'moof/traf/saiz')!;
    const parsed = parseSenc(out, senc, 8).samples;
    expect(parsed.map((s) => s.iv)).toEqual([ivs('a', 0), ivs('a', 1), ivs('a', 2)]);
    const firstIv = moof.start + u32(out, saio.start + 16);
    expect(out.subarray(firstIv, firstIv + 8)).toEqual(ivs('a', 0));
    expect(out[saiz.start + 12]).toBe(8); // default_sample_info_size
    // First sample = AES-CTR keystream from IV||0 xor plaintext.
    const expected = ctr(
      key,
      new Uint8Array([...ivs('a', 0), 0, 0, 0, 0, 0, 0, 0, 0]),
      samples[0]!,
    );
    expect(sampleData(out).subarray(0, 100)).toEqual(expected);
  });

  it('decrypts back to the exact input fragment', () => {
    const clear = buildFragment(samples, 4, 96000);
    const out = protectFragment(clear, {
      encrypt: true,
      key,
      ivOf: (i) => ivs('b', i),
      cipher: aes128Cenc,
    });
    expect(decryptCencFragment(out, { defaultKid: kid, lookupKey, cipher: aes128Cenc })).toEqual(
      clear,
    );
  });

  it('returns clear-lead fragments unchanged from the decryptor', () => {
    const marked = protectFragment(buildFragment(samples), { encrypt: false });
    expect(decryptCencFragment(marked, { defaultKid: kid, lookupKey, cipher: aes128Cenc })).toBe(
      marked,
    );
  });

  it('propagates the key lookup error instead of producing garbage', () => {
    const out = protectFragment(buildFragment(samples), {
      encrypt: true,
      key,
      ivOf: (i) => ivs('c', i),
      cipher: aes128Cenc,
    });
    expect(() =>
      decryptCencFragment(out, { defaultKid: 'ff'.repeat(16), lookupKey, cipher: aes128Cenc }),
    ).toThrow(expect.objectContaining({ code: 'CDM_KEY_NOT_USABLE' }));
  });

  it('refuses fragments it cannot protect, naming what it expected', () => {
    const marked = protectFragment(buildFragment(samples), { encrypt: false });
    expect(() => protectFragment(marked, { encrypt: false })).toThrow(/already has 'sbgp'/);
    const twoTrafs = writeBox('moof');
    expect(() => protectFragment(twoTrafs, { encrypt: false })).toThrow(
      expect.objectContaining({ code: 'PACKAGER_INPUT_INVALID' }),
    );
    expect(() =>
      protectFragment(buildFragment(samples), {
        encrypt: true,
        key: key.subarray(0, 8),
        ivOf: () => new Uint8Array(8),
        cipher: aes128Cenc,
      }),
    ).toThrow(/key: expected 16 bytes, received 8/);
  });
});

describe('aes128Ctr', () => {
  it('matches the NIST SP 800-38A F.5.1 CTR-AES128 vector', () => {
    const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => Number.parseInt(b, 16)));
    const out = ctr(
      hex('2b7e151628aed2a6abf7158809cf4f3c'),
      hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'),
      hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51'),
    );
    expect(out).toEqual(hex('874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff'));
  });
});

import {
  CLEAR_SEIG_ENTRY,
  parseFrma,
  parseSchm,
  parseSeigEntry,
  parseSinf,
  parseTenc,
  writeFrma,
  writeSchm,
  writeSeigEntry,
  writeSinf,
  writeTenc,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, hex, rawBox, rawFullBox, u32 } from '../../_test/bytes.js';
import { expectMalformed } from '../../_test/expect-malformed.js';

const KID = '00112233445566778899aabbccddeeff';

describe('tenc', () => {
  it('parses v0 with per-sample IVs and v1 with a pattern and constant IV', () => {
    expect(parseTenc(rawFullBox('tenc', 0, 0, [0, 0, 1, 8], hex(KID)))).toEqual({
      version: 0,
      isProtected: 1,
      perSampleIvSize: 8,
      defaultKid: KID,
      cryptByteBlock: 0,
      skipByteBlock: 0,
      constantIv: null,
    });
    const v1 = parseTenc(
      rawFullBox('tenc', 1, 0, [0, 0x19, 1, 0], hex(KID), [16], new Array(16).fill(7)),
    );
    expect(v1).toMatchObject({
      version: 1,
      cryptByteBlock: 1,
      skipByteBlock: 9,
      perSampleIvSize: 0,
    });
    expect([...v1.constantIv!]).toEqual(new Array(16).fill(7));
  });

  it('writes exactly the hand-built bytes', () => {
    expect(writeTenc({ defaultKid: KID })).toEqual(
      rawFullBox('tenc', 0, 0, [0, 0, 1, 8], hex(KID)),
    );
    expect(
      writeTenc({
        defaultKid: KID,
        perSampleIvSize: 0,
        cryptByteBlock: 1,
        skipByteBlock: 9,
        constantIv: new Uint8Array(16).fill(7),
      }),
    ).toEqual(rawFullBox('tenc', 1, 0, [0, 0x19, 1, 0], hex(KID), [16], new Array(16).fill(7)));
  });

  it('rejects bad IV sizes and truncation', () => {
    expectMalformed(
      () => parseTenc(rawFullBox('tenc', 0, 0, [0, 0, 1, 7], hex(KID))),
      /per-sample IV size of 0, 8 or 16, received 7/,
    );
    expectMalformed(
      () => parseTenc(rawFullBox('tenc', 0, 0, [0, 0, 1, 8], [1, 2])),
      /default_KID needs 16 bytes/,
    );
    expect(() => writeTenc({ defaultKid: KID, perSampleIvSize: 4 })).toThrow(
      /perSampleIvSize: expected 0, 8 or 16, received 4/,
    );
    expect(() => writeTenc({ defaultKid: KID, perSampleIvSize: 0 })).toThrow(
      /constantIv: expected an 8- or 16-byte IV/,
    );
  });
});

describe('seig entry', () => {
  const cbcs = {
    isProtected: 1,
    perSampleIvSize: 0,
    kid: KID,
    cryptByteBlock: 1,
    skipByteBlock: 9,
    constantIv: new Uint8Array(16).fill(7),
  };

  it('round-trips, and lays out its fields as a version 1 tenc body does', () => {
    const entry = writeSeigEntry(cbcs);
    expect(parseSeigEntry(entry)).toEqual(cbcs);
    const tenc = writeTenc({ ...cbcs, defaultKid: KID });
    expect(tenc.subarray(12)).toEqual(entry); // after size, type, version and flags
    expect(parseSeigEntry(writeSeigEntry(CLEAR_SEIG_ENTRY))).toEqual(CLEAR_SEIG_ENTRY);
  });

  it('rejects what a tenc rejects, naming the field', () => {
    expect(() => writeSeigEntry({ ...cbcs, constantIv: null })).toThrow(
      /constantIv: expected an 8- or 16-byte IV when perSampleIvSize is 0, received 0 bytes/,
    );
    expect(() => writeSeigEntry({ ...cbcs, perSampleIvSize: 4 })).toThrow(
      /perSampleIvSize: expected 0, 8 or 16, received 4/,
    );
    expect(() => writeSeigEntry({ ...cbcs, skipByteBlock: 16 })).toThrow(
      /skipByteBlock: expected an integer in \[0, 15\], received 16/,
    );
  });
});

describe('schm / frma / sinf', () => {
  it('parses and writes schm with and without a URI', () => {
    const box = rawFullBox('schm', 0, 0, ascii('cenc'), u32(0x10000));
    expect(parseSchm(box)).toEqual({ schemeType: 'cenc', schemeVersion: 0x10000, schemeUri: null });
    expect(writeSchm()).toEqual(box);
    const withUri = writeSchm({ schemeType: 'cbcs', schemeUri: 'urn:x' });
    expect(withUri).toEqual(
      rawFullBox('schm', 0, 1, ascii('cbcs'), u32(0x10000), ascii('urn:x'), [0]),
    );
    expect(parseSchm(withUri).schemeUri).toBe('urn:x');
  });

  it('parses and writes frma', () => {
    expect(writeFrma('fLaC')).toEqual(rawBox('frma', ascii('fLaC')));
    expect(parseFrma(rawBox('frma', ascii('Opus')))).toEqual({ originalFormat: 'Opus' });
    expectMalformed(() => parseFrma(rawBox('frma', [1])), /data_format needs 4 bytes/);
    expect(() => writeFrma('flac!')).toThrow(/expected a four-character code/);
  });

  it('writes sinf = frma + schm + schi/tenc and parses it back', () => {
    const sinf = writeSinf({ originalFormat: 'fLaC', tenc: { defaultKid: KID } });
    expect(sinf).toEqual(
      rawBox(
        'sinf',
        rawBox('frma', ascii('fLaC')),
        rawFullBox('schm', 0, 0, ascii('cenc'), u32(0x10000)),
        rawBox('schi', rawFullBox('tenc', 0, 0, [0, 0, 1, 8], hex(KID))),
      ),
    );
    expect(parseSinf(sinf)).toMatchObject({
      originalFormat: 'fLaC',
      schemeType: 'cenc',
      schemeVersion: 0x10000,
      tenc: { defaultKid: KID },
    });
    expectMalformed(
      () => parseSinf(rawBox('sinf', rawBox('free'))),
      /expected a 'frma' child, found none/,
    );
  });
});

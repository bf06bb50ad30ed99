import {
  CLEAR_SEIG_ENTRY,
  FRAGMENT_LOCAL_GROUP_INDEX_BASE,
  parseMfhd,
  parseSaio,
  parseSaiz,
  parseSbgp,
  parseSenc,
  parseSgpd,
  parseTfdt,
  parseTfhd,
  parseTrex,
  parseTrun,
  TfhdFlags,
  writeMfhd,
  writeSaio,
  writeSaiz,
  writeSbgp,
  writeSenc,
  writeSgpdSeig,
  writeTfdt,
  writeTfhd,
  writeTrun,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, hex, rawFullBox, u8, u16, u32, u64 } from '../../_test/bytes.js';
import { expectMalformed } from '../../_test/expect-malformed.js';

const KID = '00112233445566778899aabbccddeeff';

describe('tfhd / tfdt / mfhd / trex', () => {
  it('parses every optional tfhd field by flag', () => {
    const all = 0x3b | TfhdFlags.defaultBaseIsMoof;
    const box = rawFullBox(
      'tfhd',
      0,
      all,
      u32(7),
      u64(2 ** 40),
      u32(1),
      u32(960),
      u32(100),
      u32(0x02000000),
    );
    expect(parseTfhd(box)).toEqual({
      flags: all,
      trackId: 7,
      baseDataOffset: 2 ** 40,
      sampleDescriptionIndex: 1,
      defaultSampleDuration: 960,
      defaultSampleSize: 100,
      defaultSampleFlags: 0x02000000,
    });
    expect(writeTfhd(parseTfhd(box))).toEqual(box);
    const minimal = rawFullBox('tfhd', 0, TfhdFlags.defaultBaseIsMoof, u32(1));
    expect(parseTfhd(minimal)).toEqual({ flags: TfhdFlags.defaultBaseIsMoof, trackId: 1 });
    expectMalformed(
      () => parseTfhd(rawFullBox('tfhd', 0, 0x8, u32(1))),
      /default_sample_duration needs 4 bytes/,
    );
  });

  it('parses tfdt v0/v1, mfhd and trex', () => {
    expect(parseTfdt(rawFullBox('tfdt', 0, 0, u32(48000)))).toEqual({ baseMediaDecodeTime: 48000 });
    expect(parseTfdt(rawFullBox('tfdt', 1, 0, u64(2 ** 33)))).toEqual({
      baseMediaDecodeTime: 2 ** 33,
    });
    expect(writeTfdt(2 ** 33)).toEqual(rawFullBox('tfdt', 1, 0, u64(2 ** 33)));
    expect(writeTfdt(5)).toEqual(rawFullBox('tfdt', 0, 0, u32(5)));
    expectMalformed(
      () => parseTfdt(rawFullBox('tfdt', 1, 0, u32(0x00400000), u32(0))),
      /exceeds 2\^53 - 1/,
    );
    expect(parseMfhd(writeMfhd(3))).toEqual({ sequenceNumber: 3 });
    expect(
      parseTrex(rawFullBox('trex', 0, 0, u32(1), u32(1), u32(1024), u32(0), u32(0x02000000))),
    ).toEqual({
      trackId: 1,
      defaultSampleDescriptionIndex: 1,
      defaultSampleDuration: 1024,
      defaultSampleSize: 0,
      defaultSampleFlags: 0x02000000,
    });
  });
});

describe('trun', () => {
  it('parses sizes, durations, flags, signed offsets and the data offset', () => {
    const box = rawFullBox(
      'trun',
      1,
      0xf05,
      u32(2),
      u32(0xfffffff0),
      u32(0x2000000),
      u32(960),
      u32(10),
      u32(1),
      u32(0xffffffff),
      u32(960),
      u32(20),
      u32(2),
      u32(5),
    );
    expect(parseTrun(box)).toEqual({
      version: 1,
      flags: 0xf05,
      dataOffset: -16,
      firstSampleFlags: 0x2000000,
      samples: [
        { duration: 960, size: 10, flags: 1, compositionTimeOffset: -1 },
        { duration: 960, size: 20, flags: 2, compositionTimeOffset: 5 },
      ],
    });
    expect(writeTrun(parseTrun(box) as Parameters<typeof writeTrun>[0])).toEqual(box);
  });

  it('writes the flags implied by the fields given', () => {
    expect(writeTrun({ dataOffset: 100, samples: [{ size: 7 }, { size: 9 }] })).toEqual(
      rawFullBox('trun', 0, 0x201, u32(2), u32(100), u32(7), u32(9)),
    );
    expect(() => writeTrun({ samples: [{ size: 7 }, { duration: 1 }] })).toThrow(
      /samples\[1\]: expected the same fields/,
    );
    expect(() => writeTrun({ samples: [{ size: -1 }] })).toThrow(
      /samples\[0\].size: expected an integer/,
    );
  });

  it('rejects a sample count the box cannot hold before allocating', () => {
    expectMalformed(
      () => parseTrun(rawFullBox('trun', 0, 0x200, u32(0x7fffffff), u32(1))),
      /sample_count declares 2147483647 entries, more than the 1048576 accepted/,
    );
    expectMalformed(
      () => parseTrun(rawFullBox('trun', 0, 0x200, u32(1000), u32(1))),
      /sample_count declares 1000 entries of 4 bytes \(4000\), but only 4 bytes remain/,
    );
    // No per-sample fields: the count costs no bytes, so only the entry cap stops it.
    expectMalformed(
      () => parseTrun(rawFullBox('trun', 0, 0, u32(0xffffffff))),
      /more than the 1048576 accepted/,
    );
    expectMalformed(
      () => parseSenc(rawFullBox('senc', 0, 0, u32(0xffffffff))),
      /do not fit its 0 bytes|more than the 1048576/,
    );
  });
});

describe('senc / saiz / saio', () => {
  const iv = (n: number) => new Uint8Array(8).fill(n);

  it('parses per-sample IVs, inferring the IV size, and subsample maps', () => {
    const plain = rawFullBox('senc', 0, 0, u32(2), iv(1), iv(2));
    const s = parseSenc(plain);
    expect(s.samples.map((x) => [...x.iv])).toEqual([[...iv(1)], [...iv(2)]]);
    expect(s.samples[0]!.subsamples).toBeNull();
    const sixteen = rawFullBox('senc', 0, 0, u32(1), new Array(16).fill(3));
    expect(parseSenc(sixteen).samples[0]!.iv.length).toBe(16);
    const subs = rawFullBox('senc', 0, 2, u32(1), iv(9), u16(2), u16(5), u32(100), u16(0), u32(16));
    expect(parseSenc(subs, undefined, 8).samples[0]!.subsamples).toEqual([
      { clearBytes: 5, protectedBytes: 100 },
      { clearBytes: 0, protectedBytes: 16 },
    ]);
    expect(parseSenc(subs).samples[0]!.subsamples).toHaveLength(2);
    expectMalformed(
      () => parseSenc(rawFullBox('senc', 0, 0, u32(3), iv(1))),
      /3 samples do not fit its 8 bytes with any IV size/,
    );
  });

  it('writes senc, saiz and saio like the hand-built boxes', () => {
    expect(
      writeSenc([
        { iv: iv(1), subsamples: null },
        { iv: iv(2), subsamples: null },
      ]),
    ).toEqual(rawFullBox('senc', 0, 0, u32(2), iv(1), iv(2)));
    expect(
      writeSenc([
        { iv: iv(1), subsamples: [{ clearBytes: 5, protectedBytes: 9 }] },
        { iv: iv(2), subsamples: null },
      ]),
    ).toEqual(rawFullBox('senc', 0, 2, u32(2), iv(1), u16(1), u16(5), u32(9), iv(2), u16(0)));
    expect(() =>
      writeSenc([
        { iv: iv(1), subsamples: null },
        { iv: new Uint8Array(16), subsamples: null },
      ]),
    ).toThrow(/samples\[1\].iv: expected 8 bytes/);
    expect(writeSaiz({ sampleInfoSizes: [8, 8, 8] })).toEqual(
      rawFullBox('saiz', 0, 0, u8(8), u32(3)),
    );
    expect(writeSaiz({ sampleInfoSizes: [8, 16], auxInfoType: 'cenc' })).toEqual(
      rawFullBox('saiz', 0, 1, ascii('cenc'), u32(0), u8(0), u32(2), [8, 16]),
    );
    expect(parseSaiz(writeSaiz({ sampleInfoSizes: [8, 16] }))).toMatchObject({
      defaultSampleInfoSize: 0,
      sampleCount: 2,
      sampleInfoSizes: new Uint8Array([8, 16]),
    });
    expect(writeSaio({ offsets: [1234] })).toEqual(rawFullBox('saio', 0, 0, u32(1), u32(1234)));
    expect(parseSaio(writeSaio({ offsets: [2 ** 40] }))).toEqual({
      auxInfoType: null,
      auxInfoTypeParameter: null,
      offsets: [2 ** 40],
    });
    expectMalformed(
      () => parseSaiz(rawFullBox('saiz', 0, 0, u8(0), u32(10), [1])),
      /sample_info_size needs 10 bytes/,
    );
  });
});

describe('sbgp / sgpd seig', () => {
  it('writes the clear-lead sample group Chromium needs and parses it back', () => {
    const sbgp = writeSbgp({
      entries: [{ sampleCount: 50, groupDescriptionIndex: FRAGMENT_LOCAL_GROUP_INDEX_BASE + 1 }],
    });
    expect(sbgp).toEqual(rawFullBox('sbgp', 0, 0, ascii('seig'), u32(1), u32(50), u32(0x10001)));
    expect(parseSbgp(sbgp)).toEqual({
      version: 0,
      groupingType: 'seig',
      groupingTypeParameter: null,
      entries: [{ sampleCount: 50, groupDescriptionIndex: 0x10001 }],
    });
    const sgpd = writeSgpdSeig([CLEAR_SEIG_ENTRY]);
    expect(sgpd).toEqual(
      rawFullBox('sgpd', 1, 0, ascii('seig'), u32(20), u32(1), [0, 0, 0, 0], new Array(16).fill(0)),
    );
    expect(parseSgpd(sgpd).seig).toEqual([CLEAR_SEIG_ENTRY]);
  });

  it('parses protected seig entries and sgpd v1 with per-entry lengths', () => {
    const protectedEntry = [0, 0, 1, 8, ...hex(KID)];
    const constantEntry = [0, 0x19, 1, 0, ...hex(KID), 8, 1, 2, 3, 4, 5, 6, 7, 8];
    const box = rawFullBox(
      'sgpd',
      1,
      0,
      ascii('seig'),
      u32(0),
      u32(2),
      u32(20),
      protectedEntry,
      u32(29),
      constantEntry,
    );
    const p = parseSgpd(box);
    expect(p.seig![0]).toEqual({
      isProtected: 1,
      perSampleIvSize: 8,
      kid: KID,
      cryptByteBlock: 0,
      skipByteBlock: 0,
      constantIv: null,
    });
    expect(p.seig![1]).toMatchObject({
      cryptByteBlock: 1,
      skipByteBlock: 9,
      constantIv: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
    });
    expect(parseSgpd(writeSgpdSeig(p.seig!)).seig).toEqual(p.seig);
    expectMalformed(
      () => parseSgpd(rawFullBox('sgpd', 1, 0, ascii('seig'), u32(20), u32(5), protectedEntry)),
      /sample group entry needs 20 bytes/,
    );
  });
});

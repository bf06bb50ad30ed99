import {
  parseAudioSampleEntry,
  parseBoxTree,
  parseMdhd,
  parseSaio,
  parseSgpd,
  parseTkhd,
  serializeBoxTree,
  writeSaio,
  writeSgpd,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, rawBox, rawFullBox, u16, u32, u64 } from '../../_test/bytes.js';
import { expectMalformed } from '../../_test/expect-malformed.js';

/** AudioSampleEntry fields: reserved(6), data_reference_index, version, revision, vendor, channels, size, pre_defined, reserved, rate. */
const audioFields = (version: number, channels: number, rateHz: number) => [
  ...new Array(6).fill(0),
  ...u16(1),
  ...u16(version),
  ...u16(0),
  ...u32(0),
  ...u16(channels),
  ...u16(16),
  ...u16(0),
  ...u16(0),
  ...u32(rateHz * 65536),
];

describe('audio sample entries', () => {
  it('parses an ISO entry with its codec box', () => {
    const entry = rawBox('Opus', audioFields(0, 2, 48000), rawBox('dOps', [0, 2]));
    const e = parseAudioSampleEntry(entry);
    expect(e).toMatchObject({
      format: 'Opus',
      codecFormat: 'Opus',
      channelCount: 2,
      sampleSize: 16,
      sampleRateHz: 48000,
      sinf: null,
    });
    expect(e.children.map((c) => c.type)).toEqual(['dOps']);
  });

  it('skips the 16 extra bytes of a QuickTime sound description v1, and keeps ISO v1 (no extra bytes) working', () => {
    const qt = rawBox('mp4a', audioFields(1, 2, 44100), new Array(16).fill(0), rawBox('esds', [3]));
    expect(parseAudioSampleEntry(qt).children.map((c) => c.type)).toEqual(['esds']);
    const iso = rawBox(
      'mp4a',
      audioFields(1, 2, 44100),
      rawBox('esds', [3]),
      rawBox('btrt', new Array(12).fill(0)),
    );
    expect(parseAudioSampleEntry(iso).children.map((c) => c.type)).toEqual(['esds', 'btrt']);
    expect(serializeBoxTree(parseBoxTree(qt))).toEqual(qt);
  });

  it('rejects a non-audio box and a truncated entry', () => {
    expectMalformed(
      () => parseAudioSampleEntry(rawBox('avc1', new Array(80).fill(0))),
      /expected an audio sample entry at offset 0, received 'avc1'/,
    );
    expectMalformed(
      () => parseAudioSampleEntry(rawBox('fLaC', [0, 0, 0])),
      /'fLaC' sample entry at offset 0: reserved needs 6 bytes/,
    );
  });
});

describe('mdhd / tkhd / saio / sgpd variants', () => {
  it('reads timescale, duration and the packed language; track ids of v0 and v1 tkhd', () => {
    const und = ((21 << 10) | (14 << 5) | 4) & 0x7fff; // 'u','n','d' - 0x60
    expect(
      parseMdhd(rawFullBox('mdhd', 0, 0, u32(0), u32(0), u32(48000), u32(96000), u16(und), u16(0))),
    ).toEqual({
      timescale: 48000,
      duration: 96000,
      language: 'und',
    });
    expect(
      parseMdhd(
        rawFullBox('mdhd', 1, 0, u64(0), u64(0), u32(44100), u64(2 ** 40), u16(und), u16(0)),
      ).duration,
    ).toBe(2 ** 40);
    expectMalformed(
      () => parseMdhd(rawFullBox('mdhd', 0, 0, u32(0), u32(0), u32(0), u32(0), u16(0), u16(0))),
      /non-zero timescale/,
    );
    expect(parseTkhd(rawFullBox('tkhd', 0, 3, u32(0), u32(0), u32(7)))).toEqual({ trackId: 7 });
    expect(parseTkhd(rawFullBox('tkhd', 1, 3, u64(0), u64(0), u32(9)))).toEqual({ trackId: 9 });
  });

  it('writes and reads saio with an aux info type', () => {
    const box = writeSaio({ offsets: [100], auxInfoType: 'cenc' });
    expect(box).toEqual(rawFullBox('saio', 0, 1, ascii('cenc'), u32(0), u32(1), u32(100)));
    expect(parseSaio(box)).toEqual({
      auxInfoType: 'cenc',
      auxInfoTypeParameter: 0,
      offsets: [100],
    });
  });

  it('writes per-entry lengths when entries differ, and cannot split a version 0 sgpd of an unknown type', () => {
    const box = writeSgpd('roll', [new Uint8Array([0, 1]), new Uint8Array([0, 2, 3])]);
    expect(box).toEqual(
      rawFullBox('sgpd', 1, 0, ascii('roll'), u32(0), u32(2), u32(2), [0, 1], u32(3), [0, 2, 3]),
    );
    expect(parseSgpd(box).entries.map((e) => [...e])).toEqual([
      [0, 1],
      [0, 2, 3],
    ]);
    expect(
      parseSgpd(rawFullBox('sgpd', 0, 0, ascii('roll'), u32(2), u16(1), u16(2))),
    ).toMatchObject({ groupingType: 'roll', entries: [], seig: null });
  });
});

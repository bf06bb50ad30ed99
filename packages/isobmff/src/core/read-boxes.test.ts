import { findBox, findBoxes, readBoxes, readBoxHeader, readChildBoxes } from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, concat, hex, rawBox, rawFullBox, u16, u32, u64 } from '../_test/bytes.js';
import { expectMalformed } from '../_test/expect-malformed.js';

describe('readBoxes', () => {
  it('walks sibling boxes with offsets, sizes and header lengths', () => {
    const bytes = concat(
      rawBox('ftyp', ascii('isom'), u32(0)),
      rawBox('free'),
      rawBox('mdat', [1, 2, 3]),
    );
    const boxes = [...readBoxes(bytes)];
    expect(boxes.map((b) => [b.type, b.start, b.headerBytes, b.size, b.end])).toEqual([
      ['ftyp', 0, 8, 16, 16],
      ['free', 16, 8, 8, 24],
      ['mdat', 24, 8, 11, 35],
    ]);
  });

  it('resolves size 0 to the end of the range and reads a 64-bit largesize', () => {
    const large = concat(u32(1), ascii('mdat'), u64(20), [9, 9, 9, 9]);
    const toEnd = concat(u32(0), ascii('mdat'), [7, 7]);
    const bytes = concat(large, toEnd);
    const boxes = [...readBoxes(bytes)];
    expect(boxes[0]).toMatchObject({ type: 'mdat', headerBytes: 16, size: 20, end: 20 });
    expect(boxes[1]).toMatchObject({ type: 'mdat', start: 20, size: 10, end: 30 });
  });

  it('rejects size 0 inside a parent: a traf of size 0 would swallow its siblings', () => {
    const moof = rawBox('moof', rawBox('mfhd', u32(0), u32(1)), u32(0), ascii('traf'), [1, 2]);
    const bytes = concat(moof, rawBox('mdat', [5]));
    const top = [...readBoxes(bytes)];
    expect(top.map((b) => b.type)).toEqual(['moof', 'mdat']);
    expectMalformed(
      () => [...readChildBoxes(bytes, top[0]!)],
      /box at offset 24: declared size 0 \("to the end of the file"\) inside a parent box/,
    );
    expectMalformed(() => findBoxes(bytes, 'moof/traf'), /declared size 0/);
  });

  it('reads the extended type of a uuid box', () => {
    const usertype = 'a2394f525a9b4f14a2446c427c648df4';
    const bytes = concat(u32(8 + 16 + 2), ascii('uuid'), hex(usertype), [1, 2]);
    expect(readBoxHeader(bytes, 0)).toMatchObject({
      type: 'uuid',
      headerBytes: 24,
      size: 26,
      usertype,
    });
  });

  it('walks only the given range', () => {
    const bytes = concat(rawBox('free'), rawBox('skip'), rawBox('free'));
    expect([...readBoxes(bytes, 8, 16)].map((b) => b.type)).toEqual(['skip']);
  });

  it('rejects truncated headers, lying sizes and sizes smaller than the header', () => {
    expectMalformed(
      () => [...readBoxes(new Uint8Array([0, 0, 0]))],
      /truncated box header at offset 0/,
    );
    expectMalformed(
      () => [...readBoxes(concat(u32(100), ascii('moov'), [0, 0]))],
      /'moov' box at offset 0: declared size 100 ends at offset 100, past the available end at offset 10/,
    );
    expectMalformed(
      () => [...readBoxes(concat(u32(4), ascii('free')))],
      /smaller than its 8-byte header/,
    );
    expectMalformed(
      () => [...readBoxes(concat(u32(1), ascii('mdat'), [0]))],
      /64-bit size needs 16 header bytes/,
    );
    expectMalformed(
      () => [...readBoxes(concat(u32(1), ascii('mdat'), u32(0xffffffff), u32(0)))],
      /declared size \d+ ends at offset/,
    );
  });

  it('yields the good boxes before a malformed one', () => {
    const bytes = concat(rawBox('free'), u32(99), ascii('junk'));
    const seen: string[] = [];
    expectMalformed(() => {
      for (const b of readBoxes(bytes)) seen.push(b.type);
    }, /'junk' box at offset 8/);
    expect(seen).toEqual(['free']);
  });
});

describe('findBox / findBoxes / readChildBoxes', () => {
  const mp4a = rawBox(
    'mp4a',
    new Array(6).fill(0),
    u16(1),
    new Array(8).fill(0),
    u16(2),
    u16(16),
    u32(0),
    u32(48000 * 65536),
    rawBox('esds', [1]),
  );
  const stsd = rawFullBox('stsd', 0, 0, u32(1), mp4a);
  const trak = (id: number) =>
    rawBox(
      'trak',
      rawFullBox('tkhd', 0, 0, u32(id)),
      rawBox('mdia', rawBox('minf', rawBox('stbl', stsd))),
    );
  const init = concat(
    rawBox('ftyp', ascii('iso6')),
    rawBox('moov', rawFullBox('mvhd', 0, 0), trak(1), trak(2)),
  );

  it('finds nested boxes by path, through stsd and sample entries', () => {
    const esds = findBox(init, 'moov/trak/mdia/minf/stbl/stsd/mp4a/esds');
    expect(esds?.type).toBe('esds');
    expect(init[esds!.start + esds!.headerBytes]).toBe(1);
    expect(findBoxes(init, 'moov/trak')).toHaveLength(2);
    expect(findBoxes(init, 'moov/trak/mdia/minf/stbl/stsd/mp4a')).toHaveLength(2);
    expect(findBox(init, 'moov/mvex')).toBeUndefined();
    expect(findBox(init, 'moov/trak/tkhd/anything')).toBeUndefined();
  });

  it('lists children of containers and nothing for leaves', () => {
    const moov = findBox(init, 'moov')!;
    expect([...readChildBoxes(init, moov)].map((b) => b.type)).toEqual(['mvhd', 'trak', 'trak']);
    expect([...readChildBoxes(init, findBox(init, 'moov/mvhd')!)]).toEqual([]);
  });

  it('rejects a child that overruns its parent', () => {
    const bad = rawBox('moov', u32(64), ascii('trak'));
    expectMalformed(
      () => findBox(bad, 'moov/trak/mdia'),
      /'trak' box at offset 8: declared size 64/,
    );
  });
});

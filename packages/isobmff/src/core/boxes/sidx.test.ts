import { parseSidx } from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { rawFullBox, u16, u32, u64 } from '../../_test/bytes.js';
import { expectMalformed } from '../../_test/expect-malformed.js';

describe('parseSidx', () => {
  const v0 = rawFullBox(
    'sidx',
    0,
    0,
    u32(1),
    u32(48000),
    u32(0),
    u32(10),
    u16(0),
    u16(2),
    u32(1000),
    u32(480000),
    u32(0x90000000),
    u32(2000),
    u32(240000),
    u32(0x90000000),
  );

  it('turns v0 references into absolute offsets and seconds', () => {
    const s = parseSidx(v0, undefined, { fileOffset: 800 });
    expect(s).toMatchObject({
      version: 0,
      referenceId: 1,
      timescale: 48000,
      earliestPresentationTime: 0,
      firstOffset: 10,
    });
    const start = 800 + v0.length + 10;
    expect(s.references).toEqual([
      {
        referenceType: 0,
        offset: start,
        size: 1000,
        startS: 0,
        durationS: 10,
        startTicks: 0,
        durationTicks: 480000,
        startsWithSap: true,
        sapType: 1,
        sapDeltaTime: 0,
      },
      {
        referenceType: 0,
        offset: start + 1000,
        size: 2000,
        startS: 10,
        durationS: 5,
        startTicks: 480000,
        durationTicks: 240000,
        startsWithSap: true,
        sapType: 1,
        sapDeltaTime: 0,
      },
    ]);
  });

  it('reads v1 64-bit times and marks nested sidx references', () => {
    const v1 = rawFullBox(
      'sidx',
      1,
      0,
      u32(1),
      u32(1000),
      u64(2 ** 33),
      u64(0),
      u16(0),
      u16(1),
      u32(0x80000064),
      u32(500),
      u32(0),
    );
    const s = parseSidx(v1);
    expect(s.references[0]).toMatchObject({
      referenceType: 1,
      size: 100,
      startS: 2 ** 33 / 1000,
      durationS: 0.5,
      offset: v1.length,
    });
  });

  it('rejects a zero timescale and a reference count the box cannot hold', () => {
    expectMalformed(
      () => parseSidx(rawFullBox('sidx', 0, 0, u32(1), u32(0), u32(0), u32(0), u16(0), u16(0))),
      /non-zero timescale/,
    );
    expectMalformed(
      () => parseSidx(v0.subarray(0, v0.length - 12).map((b, i) => (i === 3 ? v0.length - 12 : b))),
      /reference_count declares 2 entries of 12 bytes/,
    );
  });
});

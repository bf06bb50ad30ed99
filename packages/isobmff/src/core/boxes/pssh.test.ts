import {
  COMMON_SYSTEM_ID,
  parsePssh,
  parsePsshBoxes,
  WIDEVINE_SYSTEM_ID,
  writePssh,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, concat, hex, rawBox, rawFullBox, u32 } from '../../_test/bytes.js';
import { expectMalformed } from '../../_test/expect-malformed.js';

const KID_A = '0123456789abcdef0123456789abcdef';
const KID_B = 'fedcba9876543210fedcba9876543210';
const WV = hex(WIDEVINE_SYSTEM_ID);
const COMMON = hex(COMMON_SYSTEM_ID);

describe('parsePssh', () => {
  it('parses a v0 Widevine pssh', () => {
    const box = rawFullBox('pssh', 0, 0, WV, u32(3), [8, 1, 0x12]);
    const p = parsePssh(box);
    expect(p.version).toBe(0);
    expect(p.systemId).toBe('edef8ba9-79d6-4ace-a3c8-27dcd51d21ed');
    expect(p.keyIds).toEqual([]);
    expect([...p.data]).toEqual([8, 1, 0x12]);
    expect(p.boxBytes).toEqual(box);
  });

  it('parses a v1 pssh with key ids as lower-case hex', () => {
    const box = rawFullBox(
      'pssh',
      1,
      0,
      COMMON,
      u32(2),
      hex(KID_A.toUpperCase()),
      hex(KID_B),
      u32(0),
    );
    const p = parsePssh(box);
    expect(p).toMatchObject({ version: 1, systemId: COMMON_SYSTEM_ID, keyIds: [KID_A, KID_B] });
    expect(p.data.length).toBe(0);
  });

  it('rejects a key id count or data size that lies', () => {
    expectMalformed(
      () => parsePssh(rawFullBox('pssh', 1, 0, COMMON, u32(1000), hex(KID_A), u32(0))),
      /'pssh' box at offset 0: KID_count declares 1000 entries of 16 bytes/,
    );
    expectMalformed(
      () => parsePssh(rawFullBox('pssh', 0, 0, WV, u32(50), [1, 2])),
      /'pssh' box at offset 0: Data needs 50 bytes at offset 32, but the 'pssh' box ends at offset 34/,
    );
    expectMalformed(
      () => parsePssh(rawFullBox('pssh', 2, 0, WV, u32(0))),
      /expected version ≤ 1, received 2/,
    );
    expectMalformed(
      () => parsePssh(rawBox('free')),
      /expected a 'pssh' box at offset 0, received 'free'/,
    );
  });

  it('finds pssh boxes at top level and inside moov', () => {
    const a = writePssh({ systemId: WIDEVINE_SYSTEM_ID, data: new Uint8Array([1]) });
    const b = writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: [KID_A] });
    const init = concat(rawBox('ftyp', ascii('iso6')), rawBox('moov', rawBox('mvhd'), b));
    expect(parsePsshBoxes(concat(a, b)).map((p) => p.systemId)).toEqual([
      WIDEVINE_SYSTEM_ID,
      COMMON_SYSTEM_ID,
    ]);
    expect(parsePsshBoxes(init).map((p) => p.keyIds)).toEqual([[KID_A]]);
  });
});

describe('writePssh', () => {
  it('writes the bytes a hand-built box has', () => {
    expect(writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: [KID_A] })).toEqual(
      rawFullBox('pssh', 1, 0, COMMON, u32(1), hex(KID_A), u32(0)),
    );
    expect(
      writePssh({ systemId: WIDEVINE_SYSTEM_ID.replace(/-/g, ''), data: new Uint8Array([5, 6]) }),
    ).toEqual(rawFullBox('pssh', 0, 0, WV, u32(2), [5, 6]));
  });

  it('refuses key ids in a v0 box and bad ids', () => {
    expect(() => writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: [KID_A], version: 0 })).toThrow(
      /version 0 pssh cannot carry key ids/,
    );
    expect(() => writePssh({ systemId: 'nope' })).toThrow(/expected an even-length hex string/);
    expect(() => writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: ['abcd'] })).toThrow(
      /expected a 16-byte id/,
    );
  });
});

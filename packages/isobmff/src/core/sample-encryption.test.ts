import { hasErrorCode } from '@legato/errors';
import {
  FRAGMENT_LOCAL_GROUP_INDEX_BASE,
  readBoxHeader,
  readSampleEncryption,
  readTrackProtection,
  type SeigEntry,
  type TencBox,
  type TrackProtection,
  toCencScheme,
  writeBox,
  writeSaiz,
  writeSbgp,
  writeSenc,
  writeSgpdSeig,
  writeSinf,
  writeTfhd,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { concat } from '../_test/bytes.js';

const KID = '0123456789abcdef0123456789abcdef';
const OTHER = 'fedcba9876543210fedcba9876543210';
const iv8 = (n: number) => Uint8Array.from({ length: 8 }, (_, i) => n + i);
const iv16 = (n: number) => Uint8Array.from({ length: 16 }, (_, i) => n + i);
const tenc = (over: Partial<TencBox> = {}): TencBox => ({
  version: 0,
  isProtected: 1,
  perSampleIvSize: 8,
  defaultKid: KID,
  cryptByteBlock: 0,
  skipByteBlock: 0,
  constantIv: null,
  ...over,
});
const cenc = (over: Partial<TencBox> = {}): TrackProtection => ({
  scheme: 'cenc',
  tenc: tenc(over),
});

const seigEntry = (over: Partial<SeigEntry> = {}): SeigEntry => ({
  isProtected: 1,
  perSampleIvSize: 16,
  kid: OTHER,
  cryptByteBlock: 0,
  skipByteBlock: 0,
  constantIv: null,
  ...over,
});
/** sbgp + sgpd putting `count` samples in the fragment-local seig `entry`. */
const grouped = (count: number, entry: SeigEntry) => [
  writeSbgp({
    groupingType: 'seig',
    entries: [{ sampleCount: count, groupDescriptionIndex: FRAGMENT_LOCAL_GROUP_INDEX_BASE + 1 }],
  }),
  writeSgpdSeig([entry]),
];

/** A traf holding the given boxes (no tfhd/trun needed: the sample sizes are passed in). */
function traf(...children: Uint8Array[]) {
  const bytes = writeBox('traf', ...children);
  return { bytes, box: readBoxHeader(bytes, 0) };
}

function expectCode(fn: () => unknown, code: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(hasErrorCode(caught, code), String(caught)).toBe(true);
  expect((caught as Error).message).toMatch(pattern);
}

describe('readSampleEncryption', () => {
  it('resolves per-sample IVs, subsamples and the tenc key id', () => {
    const t = traf(
      writeSaiz({ sampleInfoSizes: [8 + 2 + 6, 8 + 2 + 6] }),
      writeSenc([
        { iv: iv8(1), subsamples: [{ clearBytes: 2, protectedBytes: 8 }] },
        { iv: iv8(2), subsamples: [{ clearBytes: 5, protectedBytes: 0 }] },
      ]),
    );
    const out = readSampleEncryption(t.bytes, t.box, [10, 5], cenc());
    expect(out).toEqual([
      {
        isProtected: true,
        kid: KID,
        iv: iv8(1),
        subsamples: [{ clearBytes: 2, protectedBytes: 8 }],
        cryptByteBlock: 0,
        skipByteBlock: 0,
      },
      {
        isProtected: true,
        kid: KID,
        iv: iv8(2),
        subsamples: [{ clearBytes: 5, protectedBytes: 0 }],
        cryptByteBlock: 0,
        skipByteBlock: 0,
      },
    ]);
  });

  it('takes the key id, IV size and pattern of the sample seig group over tenc', () => {
    const seig = seigEntry({ cryptByteBlock: 1, skipByteBlock: 9 });
    // senc with mixed IV sizes: sample 0 under tenc (8 bytes), sample 1 under seig (16 bytes).
    const t = traf(
      writeSbgp({
        groupingType: 'seig',
        entries: [
          { sampleCount: 1, groupDescriptionIndex: 0 },
          { sampleCount: 1, groupDescriptionIndex: FRAGMENT_LOCAL_GROUP_INDEX_BASE + 1 },
        ],
      }),
      writeSgpdSeig([seig]),
      writeBox('senc', concat([0, 0, 0, 0], [0, 0, 0, 2], iv8(1), iv16(2))),
    );
    const out = readSampleEncryption(t.bytes, t.box, [32, 32], cenc());
    expect(out.map((s) => [s.kid, s.iv.length, s.cryptByteBlock, s.skipByteBlock])).toEqual([
      [KID, 8, 0, 0],
      [OTHER, 16, 1, 9],
    ]);
  });

  it('leaves samples of a clear seig group (clear lead) unprotected', () => {
    const clear = seigEntry({ isProtected: 0, perSampleIvSize: 0, kid: '0'.repeat(32) });
    const t = traf(...grouped(3, clear));
    expect(
      readSampleEncryption(t.bytes, t.box, [4, 4, 4], cenc()).map((s) => s.isProtected),
    ).toEqual([false, false, false]);
  });

  it('uses the constant IV of tenc when senc carries none (cbcs)', () => {
    const t = traf();
    const out = readSampleEncryption(t.bytes, t.box, [40], {
      scheme: 'cbcs',
      tenc: tenc({ perSampleIvSize: 0, constantIv: iv16(5), version: 1 }),
    });
    expect(out[0]).toMatchObject({ isProtected: true, iv: iv16(5), subsamples: null });
  });

  it('treats a fragment whose tfhd names a clear sample entry as clear (shaka-packager clear lead)', () => {
    const tfhd = writeTfhd({ flags: 0x02, trackId: 1, sampleDescriptionIndex: 2 });
    const t = traf(tfhd);
    const protection = { ...cenc(), clearSampleDescriptions: [2] };
    expect(
      readSampleEncryption(t.bytes, t.box, [8, 8], protection).map((s) => s.isProtected),
    ).toEqual([false, false]);
    // The protected entry (1) without senc is still a mismatch.
    const t1 = traf(writeTfhd({ flags: 0x02, trackId: 1, sampleDescriptionIndex: 1 }));
    expectCode(
      () => readSampleEncryption(t1.bytes, t1.box, [8], protection),
      'ISOBMFF_ENCRYPTION_MISMATCH',
      /no senc/,
    );
  });

  describe('refuses, with a typed error, sources that disagree', () => {
    it('tenc says 8-byte IVs, senc holds 16', () => {
      const t = traf(writeSenc([{ iv: iv16(1), subsamples: null }]));
      expectCode(
        () => readSampleEncryption(t.bytes, t.box, [16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /senc at offset \d+ does not hold 1 samples with 8-byte IVs \(tenc says 8\)/,
      );
    });

    it('seig says 16-byte IVs, senc holds 8', () => {
      const t = traf(
        ...grouped(2, seigEntry()),
        writeBox('senc', concat([0, 0, 0, 0], [0, 0, 0, 2], iv8(1), iv8(2))),
      );
      expectCode(
        () => readSampleEncryption(t.bytes, t.box, [16, 16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /does not hold 2 samples with 16-byte IVs \(seig entry 1 says 16\)/,
      );
    });

    it('saiz says 16 bytes per sample, senc holds 8', () => {
      const t = traf(
        writeSaiz({ sampleInfoSizes: [16] }),
        writeSenc([{ iv: iv8(1), subsamples: null }]),
      );
      expectCode(
        () => readSampleEncryption(t.bytes, t.box, [16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /saiz says sample 0 has 16 bytes of auxiliary information, senc holds 8/,
      );
    });

    it('saiz, senc and trun count different samples', () => {
      const t = traf(
        writeSaiz({ sampleInfoSizes: [8, 8] }),
        writeSenc([{ iv: iv8(1), subsamples: null }]),
      );
      expectCode(
        () => readSampleEncryption(t.bytes, t.box, [16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /saiz declares 2 samples, trun and senc 1/,
      );
      expectCode(
        () => readSampleEncryption(t.bytes, t.box, [16, 16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /does not hold 2 samples/,
      );
    });

    it('a protected sample with per-sample IVs but no senc', () => {
      const t = traf();
      expectCode(
        () => readSampleEncryption(t.bytes, t.box, [16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /sample 0 is protected with 8-byte per-sample IVs \(tenc says 8\), but the traf has no senc/,
      );
    });

    it('cbcs with an 8-byte IV, cbc1 with a partial protected block, subsamples that miss bytes', () => {
      const t8 = traf(writeSenc([{ iv: iv8(1), subsamples: null }]));
      expectCode(
        () => readSampleEncryption(t8.bytes, t8.box, [16], { scheme: 'cbcs', tenc: tenc() }),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /cbcs needs 16-byte IVs, received 8 bytes/,
      );
      const partial = traf(
        writeSenc([{ iv: iv16(1), subsamples: [{ clearBytes: 1, protectedBytes: 15 }] }]),
      );
      expectCode(
        () =>
          readSampleEncryption(partial.bytes, partial.box, [16], {
            scheme: 'cbc1',
            tenc: tenc({ perSampleIvSize: 16 }),
          }),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /cbc1 protects whole 16-byte blocks, received a subsample of 15 protected bytes/,
      );
      const short = traf(
        writeSenc([{ iv: iv8(1), subsamples: [{ clearBytes: 1, protectedBytes: 4 }] }]),
      );
      expectCode(
        () => readSampleEncryption(short.bytes, short.box, [16], cenc()),
        'ISOBMFF_ENCRYPTION_MISMATCH',
        /sample 0: expected subsamples to cover its 16 bytes, received 5/,
      );
    });
  });

  it('refuses more samples than the buffer has bytes before reading anything', () => {
    const t = traf(writeBox('senc', concat([0, 0, 0, 0], [0, 0x10, 0, 0])));
    const t0 = performance.now();
    expectCode(
      () =>
        readSampleEncryption(
          t.bytes,
          t.box,
          new Array(1 << 20).fill(0),
          cenc({ perSampleIvSize: 0, constantIv: iv8(0) }),
        ),
      'ISOBMFF_MALFORMED',
      /1048576 samples cannot lie in a \d+-byte buffer/,
    );
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe('readTrackProtection', () => {
  const init = (schemeType: string) =>
    writeBox(
      'moov',
      writeBox(
        'trak',
        writeBox(
          'mdia',
          writeBox(
            'minf',
            writeBox(
              'stbl',
              writeBox(
                'stsd',
                Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1),
                writeBox(
                  'enca',
                  new Uint8Array(28),
                  writeSinf({ originalFormat: 'fLaC', schemeType, tenc: { defaultKid: KID } }),
                ),
              ),
            ),
          ),
        ),
      ),
    );

  it('reads the scheme and tenc of the first sample entry', () => {
    expect(readTrackProtection(init('cbcs'))).toMatchObject({
      scheme: 'cbcs',
      tenc: { defaultKid: KID, perSampleIvSize: 8 },
    });
  });

  it('refuses a scheme outside the four of ISO/IEC 23001-7', () => {
    expectCode(
      () => readTrackProtection(init('piff')),
      'ISOBMFF_UNSUPPORTED_SCHEME',
      /schm: expected one of cenc, cbc1, cens, cbcs, received "piff"/,
    );
    expectCode(() => toCencScheme(null), 'ISOBMFF_UNSUPPORTED_SCHEME', /received no schm box/);
  });
});

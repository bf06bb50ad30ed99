import { fc, test } from '@fast-check/vitest';
import {
  parseBoxTree,
  parsePssh,
  parseSaio,
  parseSaiz,
  parseSbgp,
  parseSenc,
  parseSgpd,
  parseSinf,
  parseTfdt,
  parseTfhd,
  parseTrun,
  type SeigEntry,
  serializeBoxTree,
  type TrunSample,
  writePssh,
  writeSaio,
  writeSaiz,
  writeSbgp,
  writeSenc,
  writeSgpdSeig,
  writeSinf,
  writeTfdt,
  writeTfhd,
  writeTrun,
} from '@legato/isobmff';
import { expect } from 'vitest';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const kid = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map((b) => Buffer.from(b).toString('hex'));
const uuid = kid.map(
  (h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
);
const opts = { numRuns: 150 };

test.prop([uuid, fc.array(kid, { maxLength: 5 }), fc.uint8Array({ maxLength: 64 })], opts)(
  'pssh write → read',
  (systemId, keyIds, data) => {
    const p = parsePssh(writePssh({ systemId, keyIds, data }));
    expect(p).toMatchObject({ systemId, keyIds, version: keyIds.length > 0 ? 1 : 0 });
    expect([...p.data]).toEqual([...data]);
  },
);

const ivSize = fc.constantFrom(8, 16);
test.prop(
  [fc.constantFrom('fLaC', 'Opus', 'mp4a'), fc.constantFrom('cenc', 'cbcs'), kid, ivSize],
  opts,
)('sinf write → read', (originalFormat, schemeType, defaultKid, perSampleIvSize) => {
  const s = parseSinf(
    writeSinf({ originalFormat, schemeType, tenc: { defaultKid, perSampleIvSize } }),
  );
  expect(s).toEqual({
    originalFormat,
    schemeType,
    schemeVersion: 0x10000,
    tenc: {
      version: 0,
      isProtected: 1,
      perSampleIvSize,
      defaultKid,
      cryptByteBlock: 0,
      skipByteBlock: 0,
      constantIv: null,
    },
  });
});

const sencArb = ivSize.chain((n) =>
  fc.tuple(
    fc.boolean(),
    fc.array(
      fc.record({
        iv: fc.uint8Array({ minLength: n, maxLength: n }),
        subsamples: fc.array(
          fc.record({ clearBytes: fc.integer({ min: 0, max: 0xffff }), protectedBytes: u32 }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 20 },
    ),
  ),
);
test.prop([sencArb], opts)('senc write → read (with and without subsamples)', ([withSubs, raw]) => {
  const samples = raw.map((s) => ({ iv: s.iv, subsamples: withSubs ? s.subsamples : null }));
  const ivBytes = samples[0]?.iv.length;
  const parsed = parseSenc(writeSenc(samples), undefined, ivBytes);
  const anySubs = samples.some((s) => s.subsamples !== null);
  expect(parsed.samples.map((s) => ({ iv: [...s.iv], subsamples: s.subsamples }))).toEqual(
    samples.map((s) => ({ iv: [...s.iv], subsamples: anySubs ? s.subsamples : null })),
  );
});

test.prop(
  [
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }),
    fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { maxLength: 4 }),
  ],
  opts,
)('saiz / saio write → read', (sizes, offsets) => {
  const z = parseSaiz(writeSaiz({ sampleInfoSizes: sizes }));
  expect(z.sampleCount).toBe(sizes.length);
  const expanded = z.sampleInfoSizes
    ? [...z.sampleInfoSizes]
    : new Array(z.sampleCount).fill(z.defaultSampleInfoSize);
  expect(expanded).toEqual(sizes);
  expect(parseSaio(writeSaio({ offsets })).offsets).toEqual(offsets);
});

const seig: fc.Arbitrary<SeigEntry> = fc.oneof(
  fc.record({
    isProtected: fc.constantFrom(0, 1),
    perSampleIvSize: fc.constantFrom(8, 16),
    kid,
    cryptByteBlock: fc.integer({ min: 0, max: 15 }),
    skipByteBlock: fc.integer({ min: 0, max: 15 }),
    constantIv: fc.constant(null),
  }),
  fc.record({
    isProtected: fc.constant(1),
    perSampleIvSize: fc.constant(0),
    kid,
    cryptByteBlock: fc.integer({ min: 0, max: 15 }),
    skipByteBlock: fc.integer({ min: 0, max: 15 }),
    constantIv: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  }),
);
test.prop(
  [
    fc.array(seig, { minLength: 1, maxLength: 4 }),
    fc.array(fc.record({ sampleCount: u32, groupDescriptionIndex: u32 }), { maxLength: 4 }),
  ],
  opts,
)('sgpd seig / sbgp write → read', (entries, groups) => {
  expect(parseSgpd(writeSgpdSeig(entries)).seig).toEqual(entries);
  expect(parseSbgp(writeSbgp({ entries: groups })).entries).toEqual(groups);
});

const fields = fc.record({
  duration: fc.boolean(),
  size: fc.boolean(),
  flags: fc.boolean(),
  cto: fc.boolean(),
});
const trunArb = fields.chain((f) =>
  fc.record({
    dataOffset: fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { nil: null }),
    firstSampleFlags: fc.option(u32, { nil: null }),
    samples: fc.array(
      fc
        .record({ d: u32, s: u32, fl: u32, c: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) })
        .map(
          ({ d, s, fl, c }): TrunSample => ({
            ...(f.duration && { duration: d }),
            ...(f.size && { size: s }),
            ...(f.flags && { flags: fl }),
            ...(f.cto && { compositionTimeOffset: c }),
          }),
        ),
      { maxLength: 30 },
    ),
  }),
);
test.prop([trunArb], opts)('trun write → read', (init) => {
  const t = parseTrun(writeTrun({ ...init, version: 1 }));
  expect(t.dataOffset).toBe(init.dataOffset);
  expect(t.firstSampleFlags).toBe(init.firstSampleFlags);
  expect(t.samples).toEqual(init.samples);
});

test.prop(
  [
    u32,
    fc.option(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { nil: undefined }),
    fc.option(u32, { nil: undefined }),
    fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  ],
  opts,
)(
  'tfhd / tfdt write → read, and the tree round-trips the written boxes',
  (trackId, baseDataOffset, defaultSampleDuration, time) => {
    const tfhd = {
      flags: 0x20000,
      trackId,
      ...(baseDataOffset !== undefined && { baseDataOffset }),
      ...(defaultSampleDuration !== undefined && { defaultSampleDuration }),
    };
    const bytes = writeTfhd(tfhd);
    expect(parseTfhd(bytes)).toEqual({
      ...tfhd,
      flags:
        0x20000 |
        (baseDataOffset !== undefined ? 1 : 0) |
        (defaultSampleDuration !== undefined ? 8 : 0),
    });
    expect(parseTfdt(writeTfdt(time)).baseMediaDecodeTime).toBe(time);
    expect(serializeBoxTree(parseBoxTree(bytes))).toEqual(bytes);
  },
);

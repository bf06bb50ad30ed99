import { fc, test } from '@fast-check/vitest';
import {
  findBoxes,
  locateSamples,
  parseAudioSampleEntry,
  parseBoxTree,
  parseInitSegment,
  parseMediaSegment,
  parsePssh,
  parsePsshBoxes,
  parseSaio,
  parseSaiz,
  parseSbgp,
  parseSenc,
  parseSgpd,
  parseSidx,
  parseSinf,
  parseTenc,
  parseTfhd,
  parseTrun,
  readSampleEncryption,
  serializeBoxTree,
  type TrackProtection,
} from '@legato/isobmff';
import { expect } from 'vitest';
import { onlyLegatoErrors } from '../_test/expect-malformed.js';
import { fixture } from '../_test/fixtures.js';

const parsers: readonly ((b: Uint8Array) => unknown)[] = [
  (b) => findBoxes(b, 'moov/trak/mdia/minf/stbl/stsd/enca/sinf/schi/tenc'),
  (b) => serializeBoxTree(parseBoxTree(b)),
  parseInitSegment,
  (b) => {
    for (const f of parseMediaSegment(b).fragments) {
      for (const t of f.trafs)
        locateSamples({ ...t, moofStart: f.moofStart, bufferBytes: b.length });
    }
  },
  (b) => {
    // The CENC resolution of every traf, under each scheme (tenc with 8-byte IVs, cbcs constant).
    for (const moof of findBoxes(b, 'moof')) {
      for (const traf of findBoxes(b, 'traf', moof.start + moof.headerBytes, moof.end)) {
        const [f] = parseMediaSegment(b.subarray(0, moof.end)).fragments.slice(-1);
        const t = f?.trafs[0];
        const sizes = t ? locateSamples({ ...t, moofStart: moof.start }).map((s) => s.size) : [];
        for (const protection of PROTECTIONS) readSampleEncryption(b, traf, sizes, protection);
      }
    }
  },
  parsePsshBoxes,
  parsePssh,
  parseAudioSampleEntry,
  parseSinf,
  parseTenc,
  parseTfhd,
  parseTrun,
  (b) => parseSenc(b),
  parseSaiz,
  parseSaio,
  parseSbgp,
  parseSgpd,
  (b) => parseSidx(b),
];

const TENC = {
  version: 1,
  isProtected: 1,
  perSampleIvSize: 8,
  defaultKid: '0123456789abcdef0123456789abcdef',
  cryptByteBlock: 1,
  skipByteBlock: 9,
  constantIv: null,
};
const PROTECTIONS: readonly TrackProtection[] = [
  { scheme: 'cenc', tenc: TENC },
  { scheme: 'cbcs', tenc: { ...TENC, perSampleIvSize: 0, constantIv: new Uint8Array(16) } },
];

const boxTypes = [
  'moov',
  'trak',
  'moof',
  'traf',
  'pssh',
  'tenc',
  'trun',
  'senc',
  'saiz',
  'saio',
  'sbgp',
  'sgpd',
  'sidx',
  'sinf',
  'stsd',
  'enca',
  'tfhd',
  'mdat',
];
const boxish = fc
  .tuple(
    fc.constantFrom(...boxTypes),
    fc.uint8Array({ maxLength: 64 }),
    fc.integer({ min: -4, max: 80 }),
  )
  .map(([type, body, sizeDelta]) => {
    const out = new Uint8Array(8 + body.length);
    new DataView(out.buffer).setUint32(0, Math.max(0, 8 + body.length + sizeDelta));
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(body, 8);
    return out;
  });

test.prop([fc.uint8Array({ maxLength: 256 })], { numRuns: 300 })(
  'random bytes: every parser throws only LegatoError',
  (bytes) => {
    for (const p of parsers) onlyLegatoErrors(() => p(bytes));
  },
);

test.prop([fc.array(boxish, { maxLength: 4 })], { numRuns: 300 })(
  'box-shaped garbage: every parser throws only LegatoError',
  (boxes) => {
    const bytes = Buffer.concat(boxes);
    for (const p of parsers) onlyLegatoErrors(() => p(new Uint8Array(bytes)));
  },
);

const real = [fixture('flac-2s.mp4'), fixture('opus-2s.mp4')];
test.prop(
  [
    fc.constantFrom(0, 1),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
    fc.nat(),
  ],
  { numRuns: 120 },
)('mutated and truncated real files: only LegatoError, bounded time', (which, edits, cut) => {
  const bytes = real[which]!.slice();
  for (const [at, v] of edits) bytes[at % bytes.length] = v;
  const t0 = performance.now();
  const view = bytes.subarray(0, cut % (bytes.length + 1));
  for (const p of parsers.slice(0, 5)) onlyLegatoErrors(() => p(view));
  expect(performance.now() - t0).toBeLessThan(2000);
});

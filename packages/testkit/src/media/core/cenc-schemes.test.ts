import { readFileSync } from 'node:fs';
import { CENC_SCHEMES, type CencScheme, concatBytes, readTrackProtection } from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';

import { ffmpegForTests } from '../_test/ffmpeg-for-tests.js';
import { ffmpegPackets } from '../_test/ffmpeg-packets.js';
import { licensedCdm } from '../_test/license-for.js';
import { loadFixtureTrack } from '../fixtures/load-fixture-track.js';
import { createIvSequence } from './iv-sequence.js';
import { protectFragment } from './protect-fragment.js';
import { protectInitSegment, unprotectInitSegment } from './protect-init-segment.js';

const ffmpeg = ffmpegForTests('CENC schemes against ffmpeg');
const track = loadFixtureTrack('tone-a');
const key = Buffer.from(track.key, 'hex');
const ivs = createIvSequence('cenc-schemes-test');
const iv16 = (n: number) => concatBytes([ivs('hi', n), ivs('lo', n)]);

/** The init segment and a protect function for one scheme (cbcs: a constant IV, cbc1: 16-byte IVs). */
function protectIn(scheme: CencScheme, init: Uint8Array, id: string) {
  const constantIv = scheme === 'cbcs' ? iv16(999) : undefined;
  const protectedInit = protectInitSegment(init, {
    kid: track.kid,
    psshBoxes: [],
    scheme,
    ...(constantIv === undefined ? {} : { constantIv }),
  });
  const protect = (clear: Uint8Array, fragment: number) =>
    protectFragment(clear, {
      encrypt: true,
      key,
      scheme,
      cipher: aes128Cenc,
      ...(constantIv !== undefined
        ? { constantIv }
        : {
            ivOf: (i: number) =>
              scheme === 'cbc1' ? iv16(fragment * 1000 + i) : ivs(id, fragment * 1000 + i),
          }),
    });
  return { protectedInit, protect };
}

/** Clear init + the clear fragments of one committed representation (decrypted by the software CDM). */
async function clearTrack(id: string) {
  const rep = track.representations.find((r) => r.id === id)!;
  const file = new Uint8Array(readFileSync(rep.path));
  const cdm = await licensedCdm(track.kid, track.key);
  const init = unprotectInitSegment(file.subarray(0, rep.initEndByte + 1));
  const fragments = rep.segments
    .filter((s) => s.encrypted)
    .map((s) =>
      cdm.decryptFragment(file.subarray(s.startByte, s.endByte + 1), { defaultKid: track.kid }),
    );
  return { init, fragments, cdm };
}

describe.each(['flac-44k-16', 'opus-32k'])('%s in every CENC scheme', (id) => {
  it.each(CENC_SCHEMES)(
    '%s: the software CDM gives back the clear fragment byte for byte',
    async (scheme) => {
      const { init, fragments, cdm } = await clearTrack(id);
      const { protectedInit, protect } = protectIn(scheme, init, id);
      const protection = readTrackProtection(protectedInit)!;
      expect(protection.scheme).toBe(scheme);
      expect(protection.tenc.version).toBe(scheme === 'cens' || scheme === 'cbcs' ? 1 : 0);
      for (const [f, clear] of fragments.entries()) {
        const encrypted = protect(clear, f);
        expect(encrypted).not.toEqual(clear);
        const decrypted = cdm.decryptFragment(encrypted, { defaultKid: track.kid, protection });
        expect(Buffer.compare(decrypted, clear)).toBe(0);
      }
    },
  );

  it.skipIf(ffmpeg === undefined).each(CENC_SCHEMES)(
    '%s: ffmpeg decrypts each fragment to exactly the clear packets',
    async (scheme) => {
      const { init, fragments } = await clearTrack(id);
      const { protectedInit, protect } = protectIn(scheme, init, id);
      const clear = fragments[0]!;
      const encrypted = protect(clear, 0);
      const expected = ffmpegPackets(ffmpeg!, concatBytes([init, clear]));
      expect(expected.length).toBeGreaterThan(10);
      expect(ffmpegPackets(ffmpeg!, concatBytes([protectedInit, encrypted]), track.key)).toEqual(
        expected,
      );
      // And without the key ffmpeg's packets are not the clear ones.
      expect(ffmpegPackets(ffmpeg!, concatBytes([protectedInit, encrypted]))).not.toEqual(expected);
    },
  );
});

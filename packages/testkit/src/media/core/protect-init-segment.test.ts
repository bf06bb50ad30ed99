import { readFileSync } from 'node:fs';
import {
  COMMON_SYSTEM_ID,
  concatBytes,
  findBox,
  findBoxes,
  parseInitSegment,
  writeBox,
  writePssh,
} from '@legato/isobmff';
import { loadFixtureTrack, protectInitSegment, unprotectInitSegment } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const track = loadFixtureTrack('tone-b');

describe.each(track.representations.map((r) => [r.id, r] as const))(
  'init segment of %s',
  (_id, rep) => {
    const init = new Uint8Array(readFileSync(rep.path)).subarray(0, rep.initEndByte + 1);
    const clear = unprotectInitSegment(init);

    it('unprotects to a clear sample entry without sinf or pssh', () => {
      const entry = parseInitSegment(clear).tracks[0]!.sampleEntry!;
      expect(entry.format).toBe(rep.codec === 'opus' ? 'Opus' : 'fLaC');
      expect(entry.sinf).toBeNull();
      expect(findBoxes(clear, 'moov/pssh')).toHaveLength(0);
      expect(unprotectInitSegment(clear)).toBe(clear);
    });

    it('re-protects to exactly the committed bytes', () => {
      const pssh = findBoxes(init, 'moov/pssh').map((b) => init.subarray(b.start, b.end));
      expect(protectInitSegment(clear, { kid: track.kid, psshBoxes: pssh })).toEqual(init);
    });

    it('refuses an already protected init and a multi-track init', () => {
      expect(() => protectInitSegment(init, { kid: track.kid, psshBoxes: [] })).toThrow(
        /already protected/,
      );
      const moov = findBox(clear, 'moov')!;
      const trak = findBox(clear, 'moov/trak')!;
      const twoTraks = writeBox(
        'moov',
        clear.subarray(moov.start + 8, moov.end),
        clear.subarray(trak.start, trak.end),
      );
      const broken = concatBytes([clear.subarray(0, moov.start), twoTraks]);
      expect(() =>
        protectInitSegment(broken, {
          kid: track.kid,
          psshBoxes: [writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: [track.kid] })],
        }),
      ).toThrow(
        expect.objectContaining({
          code: 'PACKAGER_INPUT_INVALID',
          message: expect.stringMatching(/exactly one trak/),
        }),
      );
    });
  },
);

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrackProtection } from '@legato/isobmff';
import { chromiumForTests } from '@legato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegForTests } from '../_test/ffmpeg-for-tests.js';
import { licensedCdm } from '../_test/license-for.js';
import { playInChromium } from '../_test/play-in-chromium.js';
import { type PackagedTrack, packageTrack } from './package-track.js';

const chromiumPath = chromiumForTests('cbcs playback (MSE + EME org.w3.clearkey)');
const ffmpeg = ffmpegForTests('cbcs playback: packaging');
const KID = '5c1ab0c7e1d24a3b9f0e6d7c8b9a0f1e';
const KEY = 'a0b1c2d3e4f5061728394a5b6c7d8e9f';
const dir = mkdtempSync(join(tmpdir(), 'legato-cbcs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(chromiumPath === undefined || ffmpeg === undefined)(
  'a cbcs track (legato package --scheme cbcs) in headless Chromium',
  () => {
    let track: PackagedTrack;
    beforeAll(async () => {
      track = await packageTrack({
        source: { synth: { durationS: 50 } },
        renditions: [
          { codec: 'flac', sampleRateHz: 44_100, bitDepth: 16 },
          { codec: 'opus', bitrateBitsPerSecond: 64_000 },
        ],
        scheme: 'cbcs',
        kid: KID,
        key: KEY,
        outDir: dir,
        ffmpegPath: ffmpeg!,
        measureLoudness: false,
      });
    }, 60_000);

    it('is cbcs with a constant IV, and the software CDM gives back every clear fragment', async () => {
      expect(track.scheme).toBe('cbcs');
      expect(track.mpd).toContain('value="cbcs"');
      const cdm = await licensedCdm(KID, KEY);
      for (const rep of track.representations) {
        const file = new Uint8Array(readFileSync(rep.path));
        const protection = readTrackProtection(file.subarray(0, rep.initEndByte + 1))!;
        expect(protection).toMatchObject({
          scheme: 'cbcs',
          tenc: { version: 1, perSampleIvSize: 0, cryptByteBlock: 0, skipByteBlock: 0 },
        });
        expect(protection.tenc.constantIv).toHaveLength(16);
        const hashes = rep.segments.map((s) => {
          const bytes = file.subarray(s.startByte, s.endByte + 1);
          const clear = s.encrypted
            ? cdm.decryptFragment(bytes, { defaultKid: KID, protection })
            : bytes;
          return s.encrypted ? createHash('sha256').update(clear).digest('hex') : null;
        });
        const encrypted = rep.segments.map((s, i) =>
          s.encrypted ? rep.clearSha256.segments[i] : null,
        );
        expect(hashes).toEqual(encrypted);
        expect(encrypted.filter(Boolean).length).toBeGreaterThanOrEqual(2);
      }
    });

    it.each(['flac', 'opus'] as const)(
      '%s plays through the 30 s clear lead past 40 s with the key usable',
      async (codec) => {
        const rep = track.representations.find((r) => r.codec === codec)!;
        const result = await playInChromium({
          chromiumPath: chromiumPath!,
          media: rep.path,
          codecs: codec,
          initEndByte: rep.initEndByte,
          segments: rep.segments,
          kid: KID,
          key: KEY,
          targetS: 41,
          playbackRate: 8,
        });
        expect(result.error).toBeNull();
        expect(result.requestedKids).toEqual([KID]);
        expect(result.keyStatuses).toContain('usable');
        expect(result.reachedS).toBeGreaterThan(40);
      },
    );

    it('does not get past the clear lead with the wrong key', async () => {
      const rep = track.representations.find((r) => r.codec === 'flac')!;
      const result = await playInChromium({
        chromiumPath: chromiumPath!,
        media: rep.path,
        codecs: 'flac',
        initEndByte: rep.initEndByte,
        segments: rep.segments,
        kid: KID,
        key: '00'.repeat(16),
        targetS: 41,
        playbackRate: 8,
      });
      expect(result.reachedS).toBeLessThan(31);
      expect(result.error).not.toBeNull();
    });
  },
);

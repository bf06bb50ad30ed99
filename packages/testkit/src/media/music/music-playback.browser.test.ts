import { chromiumForTests, ensureMusicTrack } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { ffmpegForTests } from '../_test/ffmpeg-for-tests.js';
import { playInChromium } from '../_test/play-in-chromium.js';

const ffmpeg = ffmpegForTests('music ladder in Chromium');
const chromiumPath =
  ffmpeg === undefined ? undefined : chromiumForTests('music ladder in Chromium');

// What MediaSource.isTypeSupported and mediaCapabilities.decodingInfo cannot tell (they accept
// FLAC at any sample rate here, even 768 kHz): does Chromium decode the Ultra HD rungs? (Opus and
// FLAC 16/44.1 and 24/48 play through the engine in the browser demo's tests.)
describe.skipIf(chromiumPath === undefined)(
  'the music ladder’s Ultra HD rungs in headless Chromium (MSE + EME org.w3.clearkey)',
  () => {
    it('FLAC 24/96 plays from its last clear segment into its first encrypted one', async () => {
      const track = await ensureMusicTrack();
      const rep = track.representations.find((r) => r.id === 'flac-96k-24')!;
      const result = await playInChromium({
        chromiumPath: chromiumPath!,
        media: rep.path,
        codecs: rep.codec,
        initEndByte: rep.initEndByte,
        segments: rep.segments.slice(2, 4), // 20–40 s
        kid: track.kid,
        key: track.key,
        startS: 20,
        targetS: track.clearLeadS + 4,
        playbackRate: 16,
      });
      expect(result.error).toBeNull();
      expect(result.keyStatuses).toContain('usable');
      expect(result.buffered).toEqual([[expect.closeTo(20, 1), expect.closeTo(40, 1)]]);
      expect(result.reachedS).toBeGreaterThan(track.clearLeadS + 3);
    });

    it('FLAC 24/192 decrypts and plays one segment at a time (two, 13 MB, stall silently in the 12 MiB SourceBuffer: the demo leaves it out)', async () => {
      const track = await ensureMusicTrack();
      const rep = track.representations.find((r) => r.id === 'flac-192k-24')!;
      expect(2 * (rep.segments[3]!.endByte - rep.segments[3]!.startByte + 1)).toBeGreaterThan(
        12 * 1024 * 1024,
      );
      const result = await playInChromium({
        chromiumPath: chromiumPath!,
        media: rep.path,
        codecs: rep.codec,
        initEndByte: rep.initEndByte,
        segments: rep.segments.slice(3, 4), // 30–40 s, the first encrypted segment
        kid: track.kid,
        key: track.key,
        startS: 30,
        targetS: 38,
        playbackRate: 16,
      });
      expect(result.error).toBeNull();
      expect(result.keyStatuses).toContain('usable');
      expect(result.reachedS).toBeGreaterThan(37);
    });
  },
);

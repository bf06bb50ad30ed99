import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_TRACKS, loadFixtureTrack, packageTrack, readFragmentedMp4 } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegForTests } from '../_test/ffmpeg-for-tests.js';
import { packageFixtureTrack } from '../fixtures/package-fixture-track.js';

const ffmpeg = ffmpegForTests('packageTrack with ffmpeg');
const dir = mkdtempSync(join(tmpdir(), 'legato-packager-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = {
  source: { synth: { durationS: 12 } },
  renditions: [
    { codec: 'opus', bitrateBitsPerSecond: 24_000 },
    { codec: 'flac', sampleRateHz: 16_000, bitDepth: 16 },
  ],
  segmentDurationS: 4,
  clearLeadS: 8,
  kid: '0123456789abcdef0123456789abcdef',
  key: 'fedcba9876543210fedcba9876543210',
  measureLoudness: false,
} as const;

describe('packageTrack input validation', () => {
  it.each([
    [{ kid: 'abc' }, /kid: expected 32 hex characters, received "abc"/],
    [{ key: 'zz'.repeat(16) }, /key: expected 32 hex characters, received 32 characters/],
    [{ segmentDurationS: 0 }, /segmentDurationS > 0/],
    [{ renditions: [] }, /at least one/],
  ])('rejects %o with PACKAGER_INPUT_INVALID before running ffmpeg', async (patch, message) => {
    await expect(
      packageTrack({ ...base, outDir: join(dir, 'invalid'), ffmpegPath: '/nonexistent', ...patch }),
    ).rejects.toMatchObject({
      code: 'PACKAGER_INPUT_INVALID',
      message: expect.stringMatching(message),
    });
  });
});

describe.skipIf(ffmpeg === undefined)('packageTrack with ffmpeg', () => {
  it('writes exact segment-long fragments with the clear lead, bit-identically on a re-run', async () => {
    const first = await packageTrack({ ...base, outDir: join(dir, 'a'), keepClear: true });
    const second = await packageTrack({ ...base, outDir: join(dir, 'b') });
    for (const rep of first.representations) {
      expect(rep.segments.map((s) => s.durationTicks)).toEqual(
        [4, 4, 4].map((s) => s * rep.timescale),
      );
      expect(rep.segments.map((s) => s.encrypted)).toEqual([false, false, true]);
      expect(readFileSync(join(dir, 'b', `${rep.id}.mp4`))).toEqual(readFileSync(rep.path));
    }
    expect(second.mpd).toBe(first.mpd);
  });

  it('accepts an existing fragmented MP4 and protects it the same way', async () => {
    const clearFlac = join(dir, 'a', 'clear', 'flac-16k-16.mp4');
    expect(readFragmentedMp4(new Uint8Array(readFileSync(clearFlac))).fragments).toHaveLength(3);
    const track = await packageTrack({
      ...base,
      renditions: [{ fragmentedMp4: clearFlac }],
      outDir: join(dir, 'c'),
      ivSeed: base.kid,
    });
    const rep = track.representations[0]!;
    expect(rep).toMatchObject({
      id: 'flac-16k-16',
      codec: 'flac',
      sampleRateHz: 16_000,
      bitDepth: 16,
    });
    expect(readFileSync(rep.path)).toEqual(readFileSync(join(dir, 'a', 'flac-16k-16.mp4')));
  });

  const committed = loadFixtureTrack('tone-b');
  const version =
    ffmpeg === undefined
      ? ''
      : execFileSync(ffmpeg, ['-version'], { encoding: 'utf8' }).split('\n')[0];
  it.skipIf(version !== committed.ffmpegVersion)(
    'regenerates the committed tone-b fixture bit-identically (same ffmpeg build)',
    async () => {
      const spec = FIXTURE_TRACKS.find((t) => t.trackId === 'tone-b')!;
      const track = await packageFixtureTrack(spec, join(dir, 'tone-b'));
      expect(track.mpd).toBe(readFileSync(committed.manifestPath, 'utf8'));
      for (const rep of track.representations)
        expect(readFileSync(rep.path)).toEqual(readFileSync(join(committed.dir, rep.baseUrl)));
    },
  );
});

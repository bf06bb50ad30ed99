import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureMusicTrack, MUSIC_TRACK_SPEC } from '@legato/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegForTests } from '../_test/ffmpeg-for-tests.js';

const ffmpeg = ffmpegForTests('music track');
const dir = mkdtempSync(join(tmpdir(), 'legato-music-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.skipIf(ffmpeg === undefined)('ensureMusicTrack', () => {
  it('packages the Amazon ladder at the bitrates music gives, with a 30 s clear lead', async () => {
    const track = await ensureMusicTrack();
    expect(track.trackId).toBe('music');
    expect(track.clearLeadS).toBe(30);
    const avgKbps = Object.fromEntries(
      track.representations.map((r) => [
        r.id,
        ((r.segments.at(-1)!.endByte + 1) * 8) / track.durationS / 1000,
      ]),
    );
    expect(Object.keys(avgKbps)).toEqual([
      'opus-64k',
      'opus-128k',
      'opus-320k',
      'flac-44k-16',
      'flac-48k-24',
      'flac-96k-24',
      'flac-192k-24',
    ]);
    for (const r of track.representations) {
      expect(r.channelCount).toBe(2);
      expect(r.segments.map((s) => s.encrypted)).toEqual([
        false,
        false,
        false,
        ...Array(r.segments.length - 3).fill(true),
      ]);
    }
    // Opus at its nominal rate; FLAC HD ≈ 1 Mb/s; Ultra HD 24-bit 1.5–6 Mb/s, rising with the rate.
    expect(avgKbps['opus-64k']).toBeGreaterThan(55);
    expect(avgKbps['opus-320k']).toBeLessThan(360);
    expect(avgKbps['flac-44k-16']).toBeGreaterThan(750);
    expect(avgKbps['flac-44k-16']).toBeLessThan(1300);
    expect(avgKbps['flac-48k-24']).toBeGreaterThan(1500);
    expect(avgKbps['flac-96k-24']).toBeGreaterThan(avgKbps['flac-48k-24']!);
    expect(avgKbps['flac-192k-24']).toBeGreaterThan(avgKbps['flac-96k-24']!);
    expect(avgKbps['flac-192k-24']).toBeLessThan(6500);
  }, 180_000);

  it('is bit-identical when generated again, and loads from the cache afterwards', async () => {
    const cached = await ensureMusicTrack();
    let generated = 0;
    const fresh = await ensureMusicTrack({ cacheDir: dir, onGenerate: () => generated++ });
    expect(generated).toBe(1);
    for (const [i, r] of fresh.representations.entries()) {
      expect(sha(r.path)).toBe(sha(cached.representations[i]!.path));
    }
    expect(readFileSync(fresh.manifestPath, 'utf8')).toBe(
      readFileSync(cached.manifestPath, 'utf8'),
    );
    await ensureMusicTrack({ cacheDir: dir, onGenerate: () => generated++ });
    expect(generated).toBe(1);
    expect(MUSIC_TRACK_SPEC.renditions).toHaveLength(7);
  }, 180_000);
});

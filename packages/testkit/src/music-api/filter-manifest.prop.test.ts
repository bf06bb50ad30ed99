import { fc, test } from '@fast-check/vitest';
import { AUDIO_QUALITY_ORDER } from '@legato/drm';
import { parseMpd } from '@legato/mpd';
import { filterManifest, loadFixtureTrack } from '@legato/testkit';
import { expect } from 'vitest';

const mpd = loadFixtureTrack('tone-a').mpd;
const all = parseMpd(mpd, { baseUrl: 'http://x/m.mpd' }).periods[0]!.adaptationSets.flatMap(
  (s) => s.representations,
);

const capability = fc.record(
  {
    qualities: fc.subarray([...AUDIO_QUALITY_ORDER]),
    maxSampleRateHz: fc.constantFrom(32_000, 44_100, 48_000, 96_000),
    maxBitDepth: fc.constantFrom(16, 24),
  },
  { requiredKeys: ['qualities'] },
);

test.prop([capability])(
  'the filtered MPD parses to exactly the kept representations, SD always, nothing above the request',
  (c) => {
    const out = filterManifest(mpd, c);
    const reps = parseMpd(out.mpd, { baseUrl: 'http://x/m.mpd' }).periods.flatMap((p) =>
      p.adaptationSets.flatMap((s) => s.representations),
    );
    expect(reps.map((r) => r.id).sort()).toEqual([...out.kept].sort());
    expect([...out.kept, ...out.dropped].sort()).toEqual(all.map((r) => r.id).sort());
    expect(out.kept).toEqual(expect.arrayContaining(['opus-32k', 'opus-64k']));
    for (const r of reps.filter((r) => r.codecs === 'flac')) {
      const uhd = r.streamName === 'UHD';
      expect(c.qualities).toContain(uhd ? 'UHD' : 'HD');
      if (uhd) {
        expect(r.audioSamplingRate ?? 0).toBeLessThanOrEqual(c.maxSampleRateHz ?? Infinity);
        expect(r.bitDepth ?? 0).toBeLessThanOrEqual(c.maxBitDepth ?? Infinity);
      }
    }
  },
);

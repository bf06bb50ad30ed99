import { readFileSync } from 'node:fs';
import { buildLadder, createAbrController } from '@legato/abr';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';

// The real parser's model goes into buildLadder unchanged (AdaptationSetLike is a structural subset).
const xml = readFileSync(new URL('../../mpd/fixtures/amazon-sample.mpd', import.meta.url), 'utf8');
const adaptationSets = parseMpd(xml, { baseUrl: 'https://cdn.example/DashDrm.mpd' }).periods[0]!
  .adaptationSets;

describe('buildLadder over @legato/mpd (Amazon sample manifest)', () => {
  it('joins Opus SD and FLAC HD through adaptation-set-switching, ascending by bandwidth', () => {
    const ladder = buildLadder(adaptationSets);
    expect(
      ladder.rungs.map((r) => [r.representationId, r.adaptationSetId, r.bitsPerSecond]),
    ).toEqual([
      ['3', '2', 66_000],
      ['4', '2', 330_000],
      ['1', '1', 1_087_077],
      ['2', '1', 1_792_775],
    ]);
    expect(ladder.rungs.map((r) => r.trackType)).toEqual(['SD', 'SD', 'HD', 'HD']);
    expect(ladder.rungs[3]).toMatchObject({
      codecs: 'flac',
      lossless: true,
      bitDepth: 24,
      audioSamplingRateHz: 44_100,
    });
  });

  it('applies caps from the parsed properties (bit depth, data saver)', () => {
    expect(
      buildLadder(adaptationSets, { device: { maxBitDepth: 16 } }).rungs.map(
        (r) => r.representationId,
      ),
    ).toEqual(['3', '4', '1']);
    expect(
      buildLadder(adaptationSets, { preferences: { dataSaver: true } }).rungs.map((r) => r.codecs),
    ).toEqual(['opus', 'opus']);
  });

  it('drives a controller', () => {
    const abr = createAbrController(buildLadder(adaptationSets), { startupRule: 'throughput' });
    const index = abr.decide({
      estimateBps: 5e6,
      bufferS: 0,
      bufferTargetS: 60,
      lastIndex: -1,
      nowS: 0,
      segmentDurationS: 10,
      clearLeadRemainingS: 30,
      keyUsable: false,
    });
    expect(index).toBe(3);
  });
});

import type { FixtureTrack } from '../fixtures/load-fixture-track.js';
import type { PackagedTrack } from '../packager/package-track.js';

/** The `fixture.json` that `loadFixtureTrack` reads, for a packaged track. */
export function fixtureJson(
  track: PackagedTrack,
  meta: Pick<FixtureTrack, 'trackId' | 'key' | 'tonesHz' | 'ffmpegVersion'> & {
    readonly generatedBy: string;
  },
): string {
  const json = {
    trackId: meta.trackId,
    generatedBy: meta.generatedBy,
    ffmpegVersion: meta.ffmpegVersion,
    kid: track.kid,
    key: meta.key,
    durationS: track.durationS,
    clearLeadS: track.clearLeadS,
    segmentDurationS: track.segmentDurationS,
    tonesHz: meta.tonesHz,
    representations: track.representations.map((r) => ({
      id: r.id,
      codec: r.codec,
      file: r.baseUrl,
      sampleRateHz: r.sampleRateHz,
      channelCount: r.channelCount,
      ...(r.bitDepth === undefined ? {} : { bitDepth: r.bitDepth }),
      bandwidthBitsPerSecond: r.bandwidthBitsPerSecond,
      qualityRanking: r.qualityRanking,
      timescale: r.timescale,
      initEndByte: r.initEndByte,
      segments: r.segments,
      clearSha256: r.clearSha256,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

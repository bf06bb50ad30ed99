import { buildLadder, type LadderCaps, type LadderRung, type TrackType } from '@legato/abr';
import { hasErrorCode } from '@legato/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amazonAdaptationSets } from '../__test-helpers__/amazon-adaptation-sets.js';

const rank: Record<TrackType, number> = { SD: 0, HD: 1, UHD: 2, '3D': 3 };
const capsArb: fc.Arbitrary<LadderCaps> = fc.record(
  {
    device: fc.record(
      {
        maxTrackType: fc.constantFrom<TrackType>('SD', 'HD', 'UHD', '3D'),
        maxSampleRateHz: fc.constantFrom(44_100, 48_000, 96_000, 192_000),
        maxBitDepth: fc.constantFrom(16, 24),
        supportedCodecs: fc.subarray(['opus', 'flac', 'ec-3']),
      },
      { requiredKeys: [] },
    ),
    preferences: fc.record(
      { dataSaver: fc.boolean(), losslessWhenPossible: fc.boolean() },
      { requiredKeys: [] },
    ),
    minBitsPerSecond: fc.integer({ min: 0, max: 3_000_000 }),
    maxBitsPerSecond: fc.integer({ min: 50_000, max: 10_000_000 }),
  },
  { requiredKeys: [] },
);

describe('buildLadder laws', () => {
  it('every rung respects every cap, the ladder ascends strictly, or it throws ABR_EMPTY_LADDER', () => {
    fc.assert(
      fc.property(capsArb, (caps) => {
        let rungs: readonly LadderRung[];
        try {
          rungs = buildLadder(amazonAdaptationSets(), caps).rungs;
        } catch (error) {
          expect(hasErrorCode(error, 'ABR_EMPTY_LADDER')).toBe(true);
          return;
        }
        expect(rungs.length).toBeGreaterThan(0);
        rungs.forEach((rung, i) => {
          if (i > 0) expect(rung.bitsPerSecond).toBeGreaterThan(rungs[i - 1]!.bitsPerSecond);
          const d = caps.device ?? {};
          expect(rank[rung.trackType]).toBeLessThanOrEqual(rank[d.maxTrackType ?? '3D']);
          expect(rung.audioSamplingRateHz ?? 0).toBeLessThanOrEqual(d.maxSampleRateHz ?? Infinity);
          expect(rung.bitDepth ?? 0).toBeLessThanOrEqual(d.maxBitDepth ?? Infinity);
          if (d.supportedCodecs) expect(d.supportedCodecs).toContain(rung.codecs);
          if (caps.preferences?.dataSaver) expect(rung.trackType).toBe('SD');
          if (caps.preferences?.losslessWhenPossible === false) expect(rung.lossless).toBe(false);
          expect(rung.bitsPerSecond).toBeGreaterThanOrEqual(caps.minBitsPerSecond ?? 0);
          expect(rung.bitsPerSecond).toBeLessThanOrEqual(caps.maxBitsPerSecond ?? Infinity);
        });
      }),
      { numRuns: 300 },
    );
  });
});

import { createScaledScheduler, startOrigin } from '@legato/testkit';
import { describe, it } from 'vitest';
import { estimateOverSegments } from '../_test/estimate-over-segments.js';
import { expectEstimatesNear, LINK_ESTIMATE_TOLERANCE } from '../_test/expect-estimates-near.js';

const file = Uint8Array.from({ length: 1_000_000 }, (_, i) => (i * 13) & 0xff);

// The property and its tolerance: LINK_ESTIMATE_TOLERANCE.
describe('fetchSegment$ progress over a shaped loopback link feeds an estimate of the link', () => {
  it.each([
    { bitsPerSecond: 1_000_000, speed: 1, segments: 6 },
    { bitsPerSecond: 400_000, speed: 2, segments: 4 },
  ])(
    '$bitsPerSecond b/s at ×$speed: every estimate from the 2nd segment on within +20 % / −35 %',
    async ({ bitsPerSecond, speed, segments }) => {
      const origin = await startOrigin({ files: { '/t.mp4': file }, speed, chunkBytes: 16_384 });
      try {
        origin.setThroughput(bitsPerSecond);
        const estimates = await estimateOverSegments({
          url: `${origin.url}/t.mp4`,
          segmentBytes: 48_000,
          segments,
          scheduler: createScaledScheduler(speed),
        });
        expectEstimatesNear(estimates, bitsPerSecond, LINK_ESTIMATE_TOLERANCE);
      } finally {
        await origin.close();
      }
    },
  );
});

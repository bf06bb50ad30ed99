import { buildLadder, createAbrController } from '@legato/abr';
import { describe, expect, it } from 'vitest';
import { amazonAdaptationSets } from './__test-helpers__/amazon-adaptation-sets.js';

describe('README example', () => {
  it('builds a capped cross-codec ladder and decides', () => {
    const adaptationSets = amazonAdaptationSets(); // Opus SD + FLAC HD/UHD, as @legato/mpd gives them
    // #region readme
    const ladder = buildLadder(adaptationSets, {
      device: { maxTrackType: 'UHD', maxSampleRateHz: 96_000, supportedCodecs: ['opus', 'flac'] },
    });
    ladder.rungs.map((r) => r.representationId);
    // ['opus-64', 'opus-128', 'opus-320', 'flac-16-44', 'flac-24-48', 'flac-24-96']
    const abr = createAbrController(ladder); // 'dynamic': throughput, then BOLA-E
    const input = {
      estimateBps: 3_000_000,
      bufferS: 0,
      bufferTargetS: 60,
      lastIndex: -1, // startup
      nowS: 0,
      segmentDurationS: 10,
      clearLeadRemainingS: 30,
      keyUsable: false,
    };
    abr.decide(input); // 0 → 'opus-64' (startupRule 'lowest': first audio at the floor)
    abr.explain({ ...input, lastIndex: 0, bufferS: 10, nowS: 4 }).reason; // 'key-pending'
    // #endregion
    expect(ladder.rungs.map((r) => r.representationId)).toEqual([
      'opus-64',
      'opus-128',
      'opus-320',
      'flac-16-44',
      'flac-24-48',
      'flac-24-96',
    ]);
    expect(abr.decide(input)).toBe(0);
    expect(abr.explain({ ...input, lastIndex: 0, bufferS: 10, nowS: 4 }).reason).toBe(
      'key-pending',
    );
  });
});

import { readFileSync } from 'node:fs';
import { buildLadder, createAbrController } from '@legato/abr';
import { parseMpd } from '@legato/mpd';
import { createLegatoSimPolicy, simTrackFromBitrates, simulate, syntheticTrace } from '@legato/sim';
import { expect, it } from 'vitest';

const mpdText = readFileSync(
  new URL('../../../packages/mpd/fixtures/amazon-sample.mpd', import.meta.url),
  'utf8',
);

it('builds a capped ladder, asks the controller why, and compares settings in the simulator', () => {
  // #region ladder-and-controller
  const manifest = parseMpd(mpdText, { baseUrl: 'https://cdn.example/track/' });
  const ladder = buildLadder(manifest.periods[0]!.adaptationSets, {
    device: { maxTrackType: 'HD', maxSampleRateHz: 48_000, supportedCodecs: ['opus', 'flac'] },
    preferences: { dataSaver: false, losslessWhenPossible: true },
  });
  const abr = createAbrController(ladder, {
    algorithm: 'dynamic', // throughput at low buffer, BOLA-E once healthy
    safetyFactor: 0.85, // a rung may use 85 % of the estimate
    minUpSwitchIntervalS: 10, // dwell before climbing again
  });
  const input = {
    estimateBps: 2_000_000,
    bufferS: 25,
    bufferTargetS: 40,
    lastIndex: 0,
    nowS: 120,
    segmentDurationS: 10,
    clearLeadRemainingS: 0,
    keyUsable: true,
  };
  const why = abr.explain(input); // what decide() would answer and why; allocates, for logs
  const index = abr.decide(input); // allocation-free: call it per segment
  console.log(ladder.rungs[index]?.representationId, why.reason, why.mode);
  // #endregion
  expect(why.index).toBe(index);
  expect(ladder.rungs.every((r) => r.trackType === 'SD' || r.trackType === 'HD')).toBe(true);

  // #region simulate
  const track = simTrackFromBitrates(
    ladder.rungs.map((r) => ({
      id: r.representationId,
      bitsPerSecond: r.bitsPerSecond,
      qualityClass: r.trackType,
    })),
    { durationS: 240, segmentDurationS: 10 },
  );
  const compare = (safetyFactor: number) => {
    let qoe = 0;
    let rebufferS = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const trace = syntheticTrace('3g', { seed, durationS: 600 });
      const policy = createLegatoSimPolicy(track, { abr: { safetyFactor } });
      const result = simulate({ track, trace, policy, clearLeadS: 30 });
      qoe += result.qoeLin / 5;
      rebufferS += result.rebufferS / 5;
    }
    return { safetyFactor, qoe, rebufferS };
  };
  console.table([compare(0.7), compare(0.9)]);
  // #endregion
  expect(compare(0.9).qoe).toBeTypeOf('number');
});

import { fc, test } from '@fast-check/vitest';
import { createAbrController, ladderFromBitrates } from '@legato/abr';
import { describe, expect, it } from 'vitest';
import { bitratesArb } from '../__test-helpers__/abr-arbitraries.js';
import { assertControllerLaws } from '../__test-helpers__/controller-laws.js';

describe('createAbrController laws', () => {
  it('dynamic (the default) keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder));
  });

  it('throughput keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { algorithm: 'throughput' }));
  });

  it('BOLA-E keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { algorithm: 'bola' }));
  });

  it('dynamic with a dwell, tight headroom and a late BOLA hand-over keeps the laws', () => {
    assertControllerLaws((ladder) =>
      createAbrController(ladder, {
        minUpSwitchIntervalS: 12,
        upSwitchHeadroom: 1.3,
        safetyFactor: 0.8,
        bolaEnterSegments: 4,
        bolaExitSegments: 2,
        fetchDeadlineFraction: 0.8,
      }),
    );
  });

  it('dynamic with the up-switch buffer guard keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { minBufferForUpSwitchS: 10 }));
  });

  it('dynamic with a startup fill keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { startupBufferS: 6 }));
  });

  const stepsArb = fc.array(
    fc.record({
      estimateBps: fc.double({ min: 0, max: 1e9, noNaN: true }),
      bufferS: fc.double({ min: 0, max: 80, noNaN: true }),
      bufferTargetS: fc.double({ min: 0, max: 80, noNaN: true }),
      segmentDurationS: fc.double({ min: 0.5, max: 20, noNaN: true }),
      keyUsable: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  );

  test.prop([bitratesArb, fc.double({ min: 0, max: 30, noNaN: true }), stepsArb])(
    'never an up-switch before the buffer has once reached min(startupBufferS, target − 1 segment)',
    (bitrates, fillS, steps) => {
      const abr = createAbrController(ladderFromBitrates(bitrates), { startupBufferS: fillS });
      let last = abr.decide({ ...steps[0]!, lastIndex: -1, nowS: 0, clearLeadRemainingS: 0 });
      const reached = (s: (typeof steps)[number]) =>
        s.bufferS >= Math.min(fillS, s.bufferTargetS - s.segmentDurationS);
      let filled = reached(steps[0]!);
      steps.forEach((step, i) => {
        const index = abr.decide({ ...step, lastIndex: last, nowS: i + 1, clearLeadRemainingS: 0 });
        filled ||= reached(step);
        if (!filled) expect(index).toBeLessThanOrEqual(last);
        last = index;
      });
    },
  );

  test.prop([bitratesArb, fc.double({ min: 0, max: 30, noNaN: true }), stepsArb])(
    'never an up-switch under min(minBufferForUpSwitchS, target − 1 segment)',
    (bitrates, guardS, steps) => {
      const abr = createAbrController(ladderFromBitrates(bitrates), {
        minBufferForUpSwitchS: guardS,
      });
      let last = abr.decide({ ...steps[0]!, lastIndex: -1, nowS: 0, clearLeadRemainingS: 0 });
      steps.forEach((step, i) => {
        const index = abr.decide({ ...step, lastIndex: last, nowS: i + 1, clearLeadRemainingS: 0 });
        if (step.bufferS < Math.min(guardS, step.bufferTargetS - step.segmentDurationS)) {
          expect(index).toBeLessThanOrEqual(last);
        }
        last = index;
      });
    },
  );
});

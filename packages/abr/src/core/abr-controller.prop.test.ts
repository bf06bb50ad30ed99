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

  it('dynamic with a startup fill that holds the lowest rung, and no outage memory, keeps the laws', () => {
    assertControllerLaws((ladder) =>
      createAbrController(ladder, {
        startupBufferS: 12,
        startupDeadlineFraction: 0,
        outageReserveFactor: 0,
      }),
    );
  });

  it('dynamic with a strong outage memory keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { outageReserveFactor: 5 }));
  });

  // Uniform in thousandths: fc.double leans to values near 0, where no rule has anything to do.
  const uniform = (min: number, max: number) =>
    fc.integer({ min: min * 1000, max: max * 1000 }).map((x) => x / 1000);
  /** 1–40 decision steps, each field drawn from its range ([min, max]; seconds, bits/s). */
  const steps = (r: {
    estimateBps: [number, number];
    bufferS: [number, number];
    bufferTargetS: [number, number];
    segmentDurationS: [number, number];
    keyUsable: fc.Arbitrary<boolean>;
  }) =>
    fc.array(
      fc.record({
        estimateBps: fc.integer({ min: r.estimateBps[0], max: r.estimateBps[1] }),
        bufferS: uniform(...r.bufferS),
        bufferTargetS: uniform(...r.bufferTargetS),
        segmentDurationS: uniform(...r.segmentDurationS),
        keyUsable: r.keyUsable,
      }),
      { minLength: 1, maxLength: 40 },
    );
  const stepsArb = steps({
    estimateBps: [0, 1e9],
    bufferS: [0, 80],
    bufferTargetS: [0, 80],
    segmentDurationS: [0.5, 20],
    keyUsable: fc.boolean(),
  });
  // Starting: thin buffers, short segments, links that carry the ladder — most steps fall
  // inside the fill, and most decisions there could climb.
  const thinStepsArb = steps({
    estimateBps: [32_000, 50_000_000],
    bufferS: [0, 12],
    bufferTargetS: [20, 80],
    segmentDurationS: [0.5, 4],
    keyUsable: fc.constant(true),
  });

  test.prop([bitratesArb, uniform(0, 12), uniform(0, 1), thinStepsArb])(
    'until the buffer has once reached min(startupBufferS, target − 1 segment), every rung above the lowest arrives within startupDeadlineFraction of the buffer',
    (bitrates, fillS, fraction, steps) => {
      const abr = createAbrController(ladderFromBitrates(bitrates), {
        startupBufferS: fillS,
        startupDeadlineFraction: fraction,
      });
      let last = abr.decide({ ...steps[0]!, lastIndex: -1, nowS: 0, clearLeadRemainingS: 0 });
      const reached = (s: (typeof steps)[number]) =>
        s.bufferS >= Math.min(fillS, s.bufferTargetS - s.segmentDurationS);
      let filled = fillS === 0 || reached(steps[0]!);
      steps.forEach((step, i) => {
        const index = abr.decide({ ...step, lastIndex: last, nowS: i + 1, clearLeadRemainingS: 0 });
        filled ||= reached(step);
        if (!filled && index > 0) {
          const arrivalS = (bitrates[index]! * step.segmentDurationS) / step.estimateBps;
          expect(arrivalS).toBeLessThanOrEqual(fraction * step.bufferS * (1 + 1e-12));
        }
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

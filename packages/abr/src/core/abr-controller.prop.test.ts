import { createAbrController, ladderFromBitrates } from '@legato/abr';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abrInputArb, bitratesArb } from '../__test-helpers__/abr-arbitraries.js';
import {
  maxSwitchesPerWindow,
  playConstantTrace,
} from '../__test-helpers__/play-constant-trace.js';

const algorithmArb = fc.constantFrom('throughput', 'bola', 'dynamic') as fc.Arbitrary<
  'throughput' | 'bola' | 'dynamic'
>;
const amazonLadder = ladderFromBitrates([
  64e3, 128e3, 320e3, 900e3, 1_400e3, 2_300e3, 3_000e3, 4_600e3, 6_100e3, 9_200e3,
]);

describe('createAbrController laws', () => {
  it('always answers a valid ladder index, whatever the input sequence', () => {
    fc.assert(
      fc.property(
        algorithmArb,
        bitratesArb.chain((b) =>
          fc.tuple(fc.constant(b), fc.array(abrInputArb(b.length), { maxLength: 40 })),
        ),
        (algorithm, [bitrates, inputs]) => {
          const abr = createAbrController(ladderFromBitrates(bitrates), { algorithm });
          for (const input of inputs) {
            const index = abr.decide(input);
            expect(Number.isInteger(index)).toBe(true);
            expect(index).toBeGreaterThanOrEqual(0);
            expect(index).toBeLessThan(bitrates.length);
            expect(abr.explain(input).index).toBe(abr.decide(input));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with infinite bandwidth and a full buffer reaches the top rung', () => {
    fc.assert(
      fc.property(
        algorithmArb,
        bitratesArb,
        fc.integer({ min: -1, max: 11 }),
        (algorithm, bitrates, from) => {
          const abr = createAbrController(ladderFromBitrates(bitrates), { algorithm });
          const lastIndex = Math.min(from, bitrates.length - 1);
          const index = abr.decide({
            estimateBps: Infinity,
            bufferS: 60,
            bufferTargetS: 60,
            lastIndex,
            nowS: 1000,
            segmentDurationS: 10,
            clearLeadRemainingS: 0,
            keyUsable: true,
          });
          expect(index).toBe(bitrates.length - 1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with zero bandwidth goes to the lowest rung, whatever the buffer and history', () => {
    fc.assert(
      fc.property(
        algorithmArb,
        bitratesArb.chain((b) =>
          fc.tuple(
            fc.constant(b),
            fc.array(abrInputArb(b.length), { maxLength: 20 }),
            abrInputArb(b.length),
          ),
        ),
        (algorithm, [bitrates, history, probe]) => {
          const abr = createAbrController(ladderFromBitrates(bitrates), { algorithm });
          for (const input of history) abr.decide(input);
          expect(abr.decide({ ...probe, estimateBps: 0 })).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('does not oscillate on a constant network: ≤ 1 switch per 10 segments after warm-up', () => {
    fc.assert(
      fc.property(
        algorithmArb,
        fc.double({ min: 40e3, max: 15e6, noNaN: true }),
        fc.constantFrom(2, 4, 10),
        fc.constantFrom(30, 60, 120),
        (algorithm, bandwidthBps, segmentDurationS, bufferTargetS) => {
          fc.pre(bufferTargetS >= 3 * segmentDurationS);
          const abr = createAbrController(amazonLadder, { algorithm });
          const indices = playConstantTrace(abr, {
            bandwidthBps,
            segments: 120,
            segmentDurationS,
            bufferTargetS,
          });
          const settled = indices.slice(20);
          expect(maxSwitchesPerWindow(settled, 10)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 120 },
    );
  });
});

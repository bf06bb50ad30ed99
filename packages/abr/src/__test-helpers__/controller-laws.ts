import fc from 'fast-check';
import { expect } from 'vitest';
import type { AbrController } from '../core/abr-controller.js';
import type { Ladder } from '../core/ladder.js';
import { ladderFromBitrates } from '../core/ladder-from-bitrates.js';
import { abrInputArb, bitratesArb } from './abr-arbitraries.js';
import { downSwitches, maxSwitchesPerWindow, playConstantTrace } from './play-constant-trace.js';

/** Options of {@link assertControllerLaws}. */
export interface ControllerLawOptions {
  /** fast-check runs per law. @default 100 */
  readonly numRuns?: number;
}

const amazonLadder = ladderFromBitrates([
  64e3, 128e3, 320e3, 900e3, 1_400e3, 2_300e3, 3_000e3, 4_600e3, 6_100e3, 9_200e3,
]);

/**
 * The laws every ABR controller configuration must keep (issue 4): `decide` always answers a
 * valid ladder index and `explain` agrees with it; infinite bandwidth with a full buffer reaches
 * the top rung (after the startup decision); zero bandwidth goes to the lowest whatever the buffer and history; on a constant
 * network it settles: after a 20-segment warm-up it never switches down (a constant link gives
 * no reason to; an up-and-down is oscillation) and climbs at most twice in all (the safety
 * factor grows with the buffer, so a slowly filling buffer may lift it a rung or two), for 2, 4
 * and 10 s segments and 30–120 s buffers.
 */
export function assertControllerLaws(
  make: (ladder: Ladder) => AbrController,
  options: ControllerLawOptions = {},
): void {
  const numRuns = options.numRuns ?? 100;
  const withInputs = (maxLength: number) =>
    bitratesArb.chain((b) =>
      fc.tuple(
        fc.constant(b),
        fc.array(abrInputArb(b.length), { maxLength }),
        abrInputArb(b.length),
      ),
    );

  fc.assert(
    fc.property(withInputs(40), ([bitrates, inputs]) => {
      const abr = make(ladderFromBitrates(bitrates));
      for (const input of inputs) {
        const explained = abr.explain(input).index;
        const index = abr.decide(input);
        expect(Number.isInteger(index) && index >= 0 && index < bitrates.length).toBe(true);
        expect(explained).toBe(index);
      }
    }),
    { numRuns },
  );

  fc.assert(
    // After the first segment: the first rung is `startupRule`'s (the lowest by default).
    fc.property(bitratesArb, fc.integer({ min: 0, max: 11 }), (bitrates, from) => {
      const abr = make(ladderFromBitrates(bitrates));
      const index = abr.decide({
        estimateBps: Infinity,
        bufferS: 60,
        bufferTargetS: 60,
        lastIndex: Math.min(from, bitrates.length - 1),
        nowS: 1000,
        segmentDurationS: 10,
        clearLeadRemainingS: 0,
        keyUsable: true,
      });
      expect(index).toBe(bitrates.length - 1);
    }),
    { numRuns },
  );

  fc.assert(
    fc.property(withInputs(20), ([bitrates, history, probe]) => {
      const abr = make(ladderFromBitrates(bitrates));
      for (const input of history) abr.decide(input);
      expect(abr.decide({ ...probe, estimateBps: 0 })).toBe(0);
    }),
    { numRuns },
  );

  fc.assert(
    fc.property(
      fc.double({ min: 40e3, max: 15e6, noNaN: true }),
      fc.constantFrom(2, 4, 10),
      fc.constantFrom(30, 60, 120),
      (bandwidthBps, segmentDurationS, bufferTargetS) => {
        fc.pre(bufferTargetS >= 3 * segmentDurationS);
        const indices = playConstantTrace(make(amazonLadder), {
          bandwidthBps,
          segments: 120,
          segmentDurationS,
          bufferTargetS,
        });
        const settled = indices.slice(20);
        expect(downSwitches(settled)).toBe(0);
        expect(maxSwitchesPerWindow(settled, settled.length)).toBeLessThanOrEqual(2);
      },
    ),
    { numRuns },
  );
}

import { type AbandonInput, createAbrController, ladderFromBitrates } from '@legato/abr';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitratesArb } from '../__test-helpers__/abr-arbitraries.js';

const garbage = fc.constantFrom(Number.NaN, -1, Infinity, -Infinity, 0);
const num = (max: number) => fc.oneof(fc.double({ min: 0, max, noNaN: true }), garbage);

function abandonInputArb(rungs: number): fc.Arbitrary<AbandonInput> {
  return fc.record({
    index: fc.oneof(fc.integer({ min: -1, max: rungs }), fc.constantFrom(1.5, Number.NaN)),
    bytesLoaded: num(2e7),
    bytesTotal: num(2e7),
    elapsedMs: num(1e5),
    bufferS: num(300),
    estimateBps: num(1e9),
  });
}

/** The rate the rule projects with: the lower of the request's mean rate and the estimate. */
function rateBps(input: AbandonInput): number {
  const mean = (input.bytesLoaded * 8000) / input.elapsedMs;
  return input.estimateBps >= 0 && input.estimateBps < mean ? input.estimateBps : mean;
}

/** Remaining seconds of the request at that rate. */
const remainingS = (input: AbandonInput) =>
  ((input.bytesTotal - input.bytesLoaded) * 8) / rateBps(input);

describe('AbrController.abandon laws', () => {
  it('answers -1 or a lower rung, never throws, and abandons only a request that would outlast the buffer', () => {
    fc.assert(
      fc.property(
        bitratesArb.chain((b) =>
          fc.tuple(fc.constant(b), fc.array(abandonInputArb(b.length), { maxLength: 30 })),
        ),
        ([bitrates, inputs]) => {
          const abr = createAbrController(ladderFromBitrates(bitrates));
          for (const input of inputs) {
            const j = abr.abandon(input);
            if (j === -1) continue;
            expect(Number.isInteger(j) && j >= 0 && j < input.index).toBe(true);
            const bufferS = Number.isFinite(input.bufferS) && input.bufferS > 0 ? input.bufferS : 0;
            expect(input.elapsedMs).toBeGreaterThanOrEqual(Math.max(500, 250 * bufferS));
            expect(remainingS(input)).toBeGreaterThan(bufferS);
            // The fresh request at rung j is projected to take at most half the time the bytes left
            // need. Computed in the rule's order (bits per b/s of the rung, × rung j's bitrate): at a
            // bitrate ratio of exactly 0.5 another order rounds 1 ulp the other way.
            const fresh =
              (((input.bytesTotal * 8) / bitrates[input.index]!) * bitrates[j]!) / rateBps(input);
            expect(fresh).toBeLessThanOrEqual(remainingS(input) * 0.5);
          }
        },
      ),
    );
  });

  it('more buffer never makes it abandon to a lower rung', () => {
    fc.assert(
      fc.property(
        bitratesArb.filter((b) => b.length >= 2),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 600, max: 60_000, noNaN: true }),
        fc.double({ min: 10e3, max: 50e6, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (bitrates, at, loadedShare, elapsedMs, estimateBps, b1, b2) => {
          const abr = createAbrController(ladderFromBitrates(bitrates));
          const index = Math.max(1, Math.round(at * (bitrates.length - 1)));
          const bytesTotal = (bitrates[index]! * 10) / 8;
          const input = {
            index,
            bytesTotal,
            bytesLoaded: bytesTotal * loadedShare,
            elapsedMs,
            estimateBps,
          };
          const low = abr.abandon({ ...input, bufferS: Math.min(b1, b2) });
          const high = abr.abandon({ ...input, bufferS: Math.max(b1, b2) });
          const rank = (j: number) => (j === -1 ? Infinity : j);
          expect(rank(high)).toBeGreaterThanOrEqual(rank(low));
        },
      ),
    );
  });
});

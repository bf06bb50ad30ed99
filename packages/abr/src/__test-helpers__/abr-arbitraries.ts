import fc from 'fast-check';
import type { AbrInput } from '../core/abr-config.js';

/** Strictly ascending ladders of 1–12 rungs between 32 kb/s and 20 Mb/s. */
export const bitratesArb = fc
  .uniqueArray(fc.integer({ min: 32_000, max: 20_000_000 }), { minLength: 1, maxLength: 12 })
  .map((values) => [...values].sort((a, b) => a - b));

const garbage = fc.constantFrom(Number.NaN, -1, Infinity, -Infinity, 0);

/** Decision inputs, sane or not (NaN, negative, infinite fields included). */
export function abrInputArb(rungs: number): fc.Arbitrary<AbrInput> {
  return fc.record({
    estimateBps: fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), garbage),
    bufferS: fc.oneof(fc.double({ min: 0, max: 300, noNaN: true }), garbage),
    bufferTargetS: fc.oneof(fc.double({ min: 0, max: 300, noNaN: true }), garbage),
    lastIndex: fc.oneof(
      fc.integer({ min: -1, max: rungs - 1 }),
      fc.constantFrom(rungs, 1.5, Number.NaN),
    ),
    nowS: fc.double({ min: 0, max: 1e5, noNaN: true }),
    segmentDurationS: fc.oneof(fc.double({ min: 0.5, max: 20, noNaN: true }), garbage),
    clearLeadRemainingS: fc.double({ min: 0, max: 60, noNaN: true }),
    keyUsable: fc.boolean(),
  });
}

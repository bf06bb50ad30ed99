import type { AbrInput } from '@legato/abr';
import { createAbrController, ladderFromBitrates } from '@legato/abr';
import { describe, expect, it } from 'vitest';

const ladder = ladderFromBitrates([64e3, 128e3, 320e3, 900e3, 2_300e3, 4_600e3, 9_200e3]);
const base: AbrInput = {
  estimateBps: 1e6,
  bufferS: 30,
  bufferTargetS: 60,
  lastIndex: 2,
  nowS: 100,
  segmentDurationS: 10,
  clearLeadRemainingS: 0,
  keyUsable: true,
};

describe('createAbrController', () => {
  it('starts at the highest rung under startupSafetyFactor × estimate', () => {
    const abr = createAbrController(ladder);
    expect(abr.decide({ ...base, lastIndex: -1, bufferS: 0, estimateBps: 2e6 })).toBe(3);
    expect(abr.explain({ ...base, lastIndex: -1, bufferS: 0, estimateBps: 2e6 }).reason).toBe(
      'startup',
    );
  });

  it('throughput rule picks the highest rung under safetyFactor × estimate at low buffer', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput' });
    expect(abr.decide({ ...base, estimateBps: 3e6, lastIndex: 4, bufferS: 15 })).toBe(4);
    expect(abr.decide({ ...base, estimateBps: 1e6, lastIndex: 4, bufferS: 15, nowS: 110 })).toBe(3);
  });

  it('lowers a rung whose segment cannot arrive before the buffer runs out', () => {
    const abr = createAbrController(ladder, { algorithm: 'bola' });
    const explanation = abr.explain({ ...base, estimateBps: 0.5e6, bufferS: 48, lastIndex: 6 });
    expect(explanation.bolaIndex).toBeGreaterThan(explanation.index);
    expect(explanation.reason).toBe('fetch-deadline');
    expect((explanation.bitsPerSecond * 10) / 0.5e6).toBeLessThanOrEqual(48);
    expect(explanation.index).toBe(4);
  });

  it('holds up-switches while the key is not usable', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput' });
    const input = { ...base, estimateBps: 50e6, bufferS: 20, lastIndex: 1, keyUsable: false };
    expect(abr.explain(input).reason).toBe('key-pending');
    expect(abr.decide(input)).toBe(1);
    expect(abr.decide({ ...input, keyUsable: true })).toBe(6);
  });
});

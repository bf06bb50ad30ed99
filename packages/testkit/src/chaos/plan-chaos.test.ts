import { CHAOS_FAULT_KINDS, planChaos } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

describe('planChaos', () => {
  it('is a function of the seed: same seed, same plan; 1–3 distinct kinds each', () => {
    expect(planChaos(42, { speed: 40 })).toEqual(planChaos(42, { speed: 40 }));
    for (let seed = 0; seed < 200; seed++) {
      const plan = planChaos(seed, { speed: 40 });
      expect(plan.kinds.length).toBeGreaterThanOrEqual(1);
      expect(plan.kinds.length).toBeLessThanOrEqual(3);
      expect(new Set(plan.kinds).size).toBe(plan.kinds.length);
    }
  });

  it('draws every kind of fault over 200 seeds, each turned into a fault of its own', () => {
    const seen = new Set(
      Array.from({ length: 200 }, (_, seed) => planChaos(seed, { speed: 40 }).kinds).flat(),
    );
    expect([...seen].sort()).toEqual([...CHAOS_FAULT_KINDS].sort());
    const only = (kind: string) => {
      for (let seed = 0; ; seed++) {
        const plan = planChaos(seed, { speed: 40, maxFaults: 1 });
        if (plan.kinds[0] === kind) return plan;
      }
    };
    expect(only('origin-stall').originFaults).toMatchObject([{ type: 'stall', times: 1 }]);
    expect(only('origin-expire').originFaults).toMatchObject([{ type: 'expire' }]);
    expect(only('origin-hold-open').originFaults).toMatchObject([
      { type: 'hold-open', chunked: true, times: 1 },
    ]);
    expect(only('license-403').licenseFaults).toEqual([{ status: 403, times: 1 }]);
    expect(only('license-short').licenseLifetimeS).toBeGreaterThanOrEqual(15);
    // Slower than the player's 10 s timeout, in wall ms at 40×: 300–500 ms.
    const slow = only('license-slow').licenseFaults[0]?.delayMs ?? 0;
    expect(slow).toBeGreaterThanOrEqual(300);
    expect(slow).toBeLessThanOrEqual(500);
  });
});

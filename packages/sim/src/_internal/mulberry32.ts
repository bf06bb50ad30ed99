/** A uniform random source in [0, 1), as `Math.random` (injected, never global). */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit-state PRNG (Tommy Ettinger), tiny and good enough for workload
 * generation; the same seed always gives the same sequence.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

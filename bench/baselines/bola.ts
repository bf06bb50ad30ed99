import type { SimAbrInput, SimAbrPolicy, SimPolicy } from '@legato/sim';
import { createDashJsMeter, DASHJS_SAFETY_FACTOR } from './dashjs-throughput.js';
import { highestAffordable } from './highest-affordable.js';

/** dash.js BolaRule constants: minimum buffer and extra buffer per ladder level, s. */
const MINIMUM_BUFFER_S = 10;
const MINIMUM_BUFFER_PER_LEVEL_S = 2;
/** dash.js's default stable buffer time, s. */
const STABLE_BUFFER_S = 12;

/**
 * BOLA (Spiteri, Urgaonkar, Sitaraman) as dash.js's BolaRule ships it: utilities ln(bitrate)
 * shifted so the lowest is 1; V and γp chosen so the top rung is preferred from
 * `bufferTime = max(12, 10 + 2·levels)` s of buffer; at each decision the rung maximising
 * `(V·(u_m + γp) − buffer) / bitrate_m`. Startup: the first choice comes from throughput and a
 * placeholder buffer makes BOLA agree with it (dropped when the buffer empties, trimmed where
 * BOLA would otherwise wait); up-switches are capped at the safe throughput
 * (BOLA-O), never below the last rung.
 */
export function createBolaRule(bitrates: readonly number[]): SimAbrPolicy {
  const n = bitrates.length;
  const u = bitrates.map((b) => Math.log(b / bitrates[0]!) + 1);
  const bufferTimeS = Math.max(STABLE_BUFFER_S, MINIMUM_BUFFER_S + MINIMUM_BUFFER_PER_LEVEL_S * n);
  const gp = n > 1 ? (u[n - 1]! - 1) / (bufferTimeS / MINIMUM_BUFFER_S - 1) : 1;
  const vp = MINIMUM_BUFFER_S / gp;
  let placeholderS = 0;
  let started = false;

  /** Smallest buffer level at which BOLA prefers `q` over every lower rung, s. */
  const minBufferFor = (q: number): number => {
    let min = 0;
    for (let i = q - 1; i >= 0; i--) {
      const level =
        vp * (gp + (bitrates[q]! * u[i]! - bitrates[i]! * u[q]!) / (bitrates[q]! - bitrates[i]!));
      min = Math.max(min, level);
    }
    return min;
  };
  const fromBuffer = (bufferS: number): number => {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let m = 0; m < n; m++) {
      const score = (vp * (u[m]! + gp) - bufferS) / bitrates[m]!;
      if (score >= bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return best;
  };
  return {
    decide(input: SimAbrInput) {
      const safe = highestAffordable(bitrates, input.estimateBps * DASHJS_SAFETY_FACTOR);
      if (!started) {
        started = true;
        placeholderS = Math.max(0, minBufferFor(safe) - input.bufferS);
        return safe;
      }
      if (input.bufferS === 0) placeholderS = 0; // dash.js drops it when the buffer empties
      const effectiveS = input.bufferS + placeholderS;
      let q = fromBuffer(effectiveS);
      if (q > input.lastIndex && q > safe) q = Math.max(safe, input.lastIndex);
      // Above the level where rung q stops paying, BOLA would wait: the placeholder absorbs it.
      const excessS = Math.max(0, effectiveS - vp * (u[q]! + gp));
      placeholderS -= Math.min(placeholderS, excessS);
      return q;
    },
  };
}

/** The BOLA baseline as a simulator policy (dash.js meter). */
export function createBolaPolicy(bitrates: readonly number[]): SimPolicy {
  return { name: 'dashjs-bola', meter: createDashJsMeter(), abr: createBolaRule(bitrates) };
}

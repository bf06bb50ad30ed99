import { LegatoError } from '@legato/errors';
import { mulberry32, type Rng } from '../_internal/mulberry32.js';
import { createTrace, type Trace, type TraceStep } from './trace.js';

/** Classes of seeded synthetic network traces. */
export const SyntheticTraceClass = {
  /** HSDPA-like: ~0.4–2.5 Mb/s, strongly fluctuating (log-normal AR(1)), 80–150 ms latency. */
  threeG: '3g',
  /** LTE-like: ~4–30 Mb/s with occasional handover dips, 30–60 ms latency. */
  fourG: '4g',
  /** Fast Wi-Fi with random drop-outs of 1–6 s to 50–600 kb/s. */
  wifiFlaky: 'wifi-flaky',
  /** A good link (4–12 Mb/s) that steps down to 0.3–1.2 Mb/s after 30–90 s. */
  stepDown: 'step-down',
  /** A moderate link (2–8 Mb/s) with one 10 s outage at 0 b/s starting 30–120 s in. */
  outage: 'outage',
  /** A cold connection ramping up exponentially from ~0.1 Mb/s to a 2–10 Mb/s plateau. */
  slowStart: 'slow-start',
} as const;
/** Classes of seeded synthetic network traces. */
export type SyntheticTraceClass = (typeof SyntheticTraceClass)[keyof typeof SyntheticTraceClass];

/** Every synthetic class, in report order. */
export const syntheticTraceClasses: readonly SyntheticTraceClass[] = Object.freeze(
  Object.values(SyntheticTraceClass),
);

/** Options of {@link syntheticTrace}. */
export interface SyntheticTraceOptions {
  /** Seed of the generator; ignored when `rng` is given. @default 0 */
  readonly seed?: number;
  /** Random source in [0, 1); overrides `seed`. */
  readonly rng?: Rng;
  /** Length of the generated trace, s (it loops after that). @default 600 */
  readonly durationS?: number;
}

const MIN_BPS = 10_000;

/**
 * A seeded synthetic trace of the given class; the same class and seed give the same trace.
 *
 * @example
 * ```ts
 * const trace = syntheticTrace('outage', { seed: 3 });
 * trace.name; // 'synthetic:outage:3'
 * ```
 */
export function syntheticTrace(
  cls: SyntheticTraceClass,
  options: SyntheticTraceOptions = {},
): Trace {
  const seed = options.seed ?? 0;
  const rng = options.rng ?? mulberry32(seed);
  const durationS = options.durationS ?? 600;
  if (!(Number.isFinite(durationS) && durationS >= 10 && durationS <= 86_400)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `durationS: expected a number in [10, 86400], received ${durationS}`,
    );
  }
  const generate = generators[cls];
  if (generate === undefined) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `class: expected one of ${syntheticTraceClasses.join(' | ')}, received ${String(cls)}`,
    );
  }
  return createTrace(generate(rng, durationS), { name: `synthetic:${cls}:${seed}` });
}

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Standard normal deviate (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Log-normal AR(1) multiplier with mean ≈ 1: correlated fluctuation around a mean rate. */
function arLogNormal(rng: Rng, rho: number, sigma: number): () => number {
  let x = sigma * gaussian(rng);
  const k = Math.sqrt(1 - rho * rho);
  return () => {
    x = rho * x + k * sigma * gaussian(rng);
    return Math.exp(x - (sigma * sigma) / 2);
  };
}

function fluctuating(
  rng: Rng,
  durationS: number,
  meanBps: number,
  rho: number,
  sigma: number,
  latencyMs: number,
): TraceStep[] {
  const noise = arLogNormal(rng, rho, sigma);
  const steps: TraceStep[] = [];
  for (let t = 0; t < durationS; t++) {
    steps.push({
      durationMs: 1000,
      bitsPerSecond: Math.max(MIN_BPS, meanBps * noise()),
      latencyMs,
    });
  }
  return steps;
}

/** Overwrites random 1 s steps with bursts of low rate (drop-outs or handovers). */
function addDips(
  rng: Rng,
  steps: TraceStep[],
  probability: number,
  lengthS: readonly [number, number],
  rateBps: () => number,
  latencyMs: number,
): void {
  for (let i = 0; i < steps.length; i++) {
    if (rng() >= probability) continue;
    const len = Math.round(uniform(rng, lengthS[0], lengthS[1]));
    const bps = rateBps();
    for (let j = i; j < Math.min(steps.length, i + len); j++) {
      steps[j] = { durationMs: 1000, bitsPerSecond: bps, latencyMs };
    }
    i += len;
  }
}

const generators: Record<SyntheticTraceClass, (rng: Rng, durationS: number) => TraceStep[]> = {
  '3g': (rng, d) =>
    fluctuating(rng, d, uniform(rng, 0.4e6, 2.5e6), 0.9, 0.6, uniform(rng, 80, 150)),
  '4g': (rng, d) => {
    const mean = uniform(rng, 4e6, 30e6);
    const latency = uniform(rng, 30, 60);
    const steps = fluctuating(rng, d, mean, 0.85, 0.5, latency);
    addDips(rng, steps, 0.02, [1, 3], () => mean * uniform(rng, 0.05, 0.2), latency * 2);
    return steps;
  },
  'wifi-flaky': (rng, d) => {
    const steps = fluctuating(rng, d, uniform(rng, 8e6, 40e6), 0.8, 0.3, uniform(rng, 5, 30));
    addDips(rng, steps, 0.04, [1, 6], () => uniform(rng, 0.05e6, 0.6e6), 200);
    return steps;
  },
  'step-down': (rng, d) => {
    const high = uniform(rng, 4e6, 12e6);
    const low = uniform(rng, 0.3e6, 1.2e6);
    const at = Math.round(uniform(rng, 30, 90));
    const noise = arLogNormal(rng, 0.7, 0.15);
    const steps: TraceStep[] = [];
    for (let t = 0; t < d; t++) {
      steps.push({
        durationMs: 1000,
        bitsPerSecond: (t < at ? high : low) * noise(),
        latencyMs: 50,
      });
    }
    return steps;
  },
  outage: (rng, d) => {
    const steps = fluctuating(rng, d, uniform(rng, 2e6, 8e6), 0.8, 0.3, 50);
    const at = Math.min(Math.round(uniform(rng, 30, 120)), Math.max(0, Math.floor(d) - 10));
    for (let t = at; t < at + 10; t++)
      steps[t] = { durationMs: 1000, bitsPerSecond: 0, latencyMs: 50 };
    return steps;
  },
  'slow-start': (rng, d) => {
    const plateau = uniform(rng, 2e6, 10e6);
    const initial = uniform(rng, 0.05e6, 0.2e6);
    const doublingS = uniform(rng, 1, 3);
    const noise = arLogNormal(rng, 0.8, 0.15);
    const steps: TraceStep[] = [];
    for (let t = 0; t < d; t += 0.5) {
      const ramp = initial * 2 ** (t / doublingS);
      steps.push({
        durationMs: 500,
        bitsPerSecond: Math.max(MIN_BPS, Math.min(plateau, ramp) * noise()),
        latencyMs: 100,
      });
    }
    return steps;
  },
};

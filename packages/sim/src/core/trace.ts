import { LegatoError } from '@legato/errors';

/** One constant-rate piece of a network trace. */
export interface TraceStep {
  /** How long the step lasts, ms (> 0). */
  readonly durationMs: number;
  /** Throughput available during the step, bits per second (≥ 0; 0 = outage). */
  readonly bitsPerSecond: number;
  /** Request latency (time to first byte) for a request issued during the step, ms (≥ 0). */
  readonly latencyMs: number;
}

/** What happens when a session outlasts the trace. */
export const TraceEnd = {
  /** Start over from the first step (Sabre, Mahimahi and Pensieve behaviour). */
  loop: 'loop',
  /** Keep the last step's rate and latency forever. */
  hold: 'hold',
} as const;
/** What happens when a session outlasts the trace. */
export type TraceEnd = (typeof TraceEnd)[keyof typeof TraceEnd];

/**
 * A validated, immutable network trace: a step function of throughput and latency over time,
 * with prefix sums so that rate look-ups and byte integration cost O(log steps).
 * Build one with {@link createTrace} or a parser; query it with `throughputAt`,
 * `latencyAt`, `bytesDeliverable` and `deliveryEndMs`.
 */
export interface Trace {
  /** A label for reports (file name, `synthetic:4g:3`…). */
  readonly name: string;
  /** The steps, in order. */
  readonly steps: readonly TraceStep[];
  /** What happens after the last step. */
  readonly end: TraceEnd;
  /** Sum of step durations, ms. */
  readonly periodMs: number;
  /** Bits deliverable over one period. */
  readonly bitsPerPeriod: number;
  /** Step start times, ms; `startMs[steps.length] === periodMs`. */
  readonly startMs: Float64Array;
  /** Bits deliverable from 0 to `startMs[i]`. */
  readonly cumulativeBits: Float64Array;
}

/** Options of {@link createTrace}. */
export interface CreateTraceOptions {
  /** Label for reports. @default 'trace' */
  readonly name?: string;
  /** What happens after the last step. @default 'loop' */
  readonly end?: TraceEnd;
}

/** Upper bound on steps, so hostile trace files cannot exhaust memory. */
export const MAX_TRACE_STEPS = 10_000_000;

/**
 * Validates steps and builds a {@link Trace}.
 * Throws `TRACE_INVALID` naming the first bad step, or when the trace can never deliver data.
 *
 * @example
 * ```ts
 * const trace = createTrace([
 *   { durationMs: 1000, bitsPerSecond: 2_000_000, latencyMs: 50 },
 *   { durationMs: 1000, bitsPerSecond: 0, latencyMs: 50 },
 * ]);
 * bytesDeliverable(trace, 0, 2000); // 250_000
 * ```
 */
export function createTrace(steps: readonly TraceStep[], options: CreateTraceOptions = {}): Trace {
  const name = options.name ?? 'trace';
  const end = options.end ?? TraceEnd.loop;
  if (steps.length === 0) {
    throw new LegatoError('TRACE_INVALID', `${name}: expected at least one step, received none`);
  }
  if (steps.length > MAX_TRACE_STEPS) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected at most ${MAX_TRACE_STEPS} steps, received ${steps.length}`,
    );
  }
  const n = steps.length;
  const startMs = new Float64Array(n + 1);
  const cumulativeBits = new Float64Array(n + 1);
  const frozen: TraceStep[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = steps[i]!;
    checkStep(name, i, s);
    frozen[i] = Object.freeze({
      durationMs: s.durationMs,
      bitsPerSecond: s.bitsPerSecond,
      latencyMs: s.latencyMs,
    });
    startMs[i + 1] = startMs[i]! + s.durationMs;
    cumulativeBits[i + 1] = cumulativeBits[i]! + (s.bitsPerSecond * s.durationMs) / 1000;
  }
  const bitsPerPeriod = cumulativeBits[n]!;
  if (!Number.isFinite(bitsPerPeriod) || !Number.isFinite(startMs[n]!)) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected a finite total duration and volume, received ${startMs[n]} ms carrying ${bitsPerPeriod} bits`,
    );
  }
  if (end === TraceEnd.loop && !(bitsPerPeriod > 0)) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected a looping trace to deliver some data, received only zero-throughput steps`,
    );
  }
  if (end === TraceEnd.hold && !(frozen[n - 1]!.bitsPerSecond > 0)) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected the last step of a holding trace to have throughput > 0, received 0`,
    );
  }
  return Object.freeze({
    name,
    steps: Object.freeze(frozen),
    end,
    periodMs: startMs[n]!,
    bitsPerPeriod,
    startMs,
    cumulativeBits,
  });
}

function checkStep(name: string, i: number, s: TraceStep): void {
  const bad = (field: string, expected: string, value: unknown): never => {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: step ${i}: expected ${field} ${expected}, received ${String(value)}`,
      { details: { index: i, field } },
    );
  };
  if (typeof s !== 'object' || s === null) bad('a step object', '', s);
  if (!(Number.isFinite(s.durationMs) && s.durationMs > 0)) {
    bad('durationMs', 'a finite number > 0', s.durationMs);
  }
  if (!(Number.isFinite(s.bitsPerSecond) && s.bitsPerSecond >= 0)) {
    bad('bitsPerSecond', 'a finite number ≥ 0', s.bitsPerSecond);
  }
  if (!(Number.isFinite(s.latencyMs) && s.latencyMs >= 0)) {
    bad('latencyMs', 'a finite number ≥ 0', s.latencyMs);
  }
}

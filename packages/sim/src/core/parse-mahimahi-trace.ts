import { LegatoError } from '@legato/errors';
import {
  checkTraceText,
  DEFAULT_MAX_TRACE_CHARS,
  numberField,
  traceLines,
} from '../_internal/trace-text.js';
import {
  createTrace,
  MAX_TRACE_STEPS,
  type Trace,
  type TraceEnd,
  type TraceStep,
} from './trace.js';

/** Bytes one Mahimahi delivery opportunity carries (one MTU-sized packet). */
export const MAHIMAHI_PACKET_BYTES = 1500;

/** Options of {@link parseMahimahiTrace}. */
export interface ParseMahimahiTraceOptions {
  /** Label for reports and error messages. @default 'mahimahi trace' */
  readonly name?: string;
  /** What happens after the last step. @default 'loop' (as `mm-link`) */
  readonly end?: TraceEnd;
  /** Width of the constant-rate steps the packet schedule is averaged into, ms. @default 100 */
  readonly binMs?: number;
  /** Request latency applied to every step, ms (`mm-link` alone adds none). @default 0 */
  readonly latencyMs?: number;
  /** Largest accepted input, characters. @default 67108864 */
  readonly maxChars?: number;
}

/**
 * Parses a Mahimahi link trace: one integer timestamp (ms) per line, each an opportunity to
 * deliver one 1500-byte packet; repeated timestamps mean several packets in that millisecond,
 * and the schedule repeats with a period equal to the last timestamp. The packets are averaged
 * into `binMs` steps. Throws `TRACE_INVALID` naming the line.
 *
 * @example
 * ```ts
 * const trace = parseMahimahiTrace('1\n'); // one packet per ms, repeating
 * throughputAt(trace, 0); // 12_000_000
 * ```
 */
export function parseMahimahiTrace(text: string, options: ParseMahimahiTraceOptions = {}): Trace {
  const name = options.name ?? 'mahimahi trace';
  checkTraceText(name, text, options.maxChars ?? DEFAULT_MAX_TRACE_CHARS);
  const binMs = options.binMs ?? 100;
  if (!(Number.isInteger(binMs) && binMs > 0)) {
    throw new LegatoError('INVALID_ARGUMENT', `binMs: expected an integer > 0, received ${binMs}`);
  }
  const latencyMs = options.latencyMs ?? 0;
  const stamps: number[] = [];
  for (const where of traceLines(text)) {
    if (where.fields.length !== 1) {
      throw new LegatoError(
        'TRACE_INVALID',
        `${name}: line ${where.line}: expected 1 field (a timestamp in ms), received ${where.fields.length}`,
        { details: { line: where.line } },
      );
    }
    const t = numberField(name, where, 0, 'timestamp_ms');
    const prev = stamps[stamps.length - 1];
    if (!Number.isInteger(t) || (prev !== undefined && t < prev)) {
      throw new LegatoError(
        'TRACE_INVALID',
        `${name}: line ${where.line}: expected an integer timestamp ≥ ${prev ?? 0}, received ${t}`,
        { details: { line: where.line } },
      );
    }
    stamps.push(t);
  }
  const periodMs = stamps[stamps.length - 1];
  if (periodMs === undefined || periodMs === 0) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected timestamps ending after 0 ms, received ${periodMs === undefined ? 'none' : 'only 0'}`,
    );
  }
  const bins = Math.ceil(periodMs / binMs);
  if (bins > MAX_TRACE_STEPS) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected at most ${MAX_TRACE_STEPS} steps of ${binMs} ms, received a ${periodMs} ms period (raise binMs)`,
    );
  }
  const packets = new Float64Array(bins);
  for (const t of stamps) {
    // A packet stamped t leaves during millisecond (t-1, t].
    const bin = Math.min(Math.floor(Math.max(t - 1, 0) / binMs), bins - 1);
    packets[bin]!++;
  }
  const steps: TraceStep[] = new Array(bins);
  for (let k = 0; k < bins; k++) {
    const durationMs = Math.min(binMs, periodMs - k * binMs);
    const bits = packets[k]! * MAHIMAHI_PACKET_BYTES * 8;
    steps[k] = { durationMs, bitsPerSecond: (bits * 1000) / durationMs, latencyMs };
  }
  return createTrace(steps, {
    name,
    ...(options.end === undefined ? {} : { end: options.end }),
  });
}

import { LegatoError } from '@legato/errors';
import {
  checkTraceText,
  DEFAULT_MAX_TRACE_CHARS,
  numberField,
  traceLines,
} from '../_internal/trace-text.js';
import { createTrace, type Trace, type TraceEnd, type TraceStep } from './trace.js';

/** Options of {@link parsePensieveTrace}. */
export interface ParsePensieveTraceOptions {
  /** Label for reports and error messages. @default 'pensieve trace' */
  readonly name?: string;
  /** What happens after the last step. @default 'loop' */
  readonly end?: TraceEnd;
  /** Request latency applied to every step, ms (Pensieve's simulator uses an 80 ms link RTT). @default 80 */
  readonly latencyMs?: number;
  /** Largest accepted input, characters. @default 67108864 */
  readonly maxChars?: number;
}

/**
 * Parses a Pensieve "cooked" trace: one `time_s throughput_Mbps` pair per line (whitespace
 * separated, times increasing; the first time is the origin). Each line's rate holds until
 * the next line's time; the last line holds as long as the step before it (1 s if alone).
 * Throws `TRACE_INVALID` naming the line.
 *
 * @example
 * ```ts
 * const trace = parsePensieveTrace('0.0 1.5\n1.0 3.0\n');
 * throughputAt(trace, 1200); // 3_000_000
 * ```
 */
export function parsePensieveTrace(text: string, options: ParsePensieveTraceOptions = {}): Trace {
  const name = options.name ?? 'pensieve trace';
  checkTraceText(name, text, options.maxChars ?? DEFAULT_MAX_TRACE_CHARS);
  const latencyMs = options.latencyMs ?? 80;
  const times: number[] = [];
  const rates: number[] = [];
  for (const where of traceLines(text)) {
    if (where.fields.length !== 2) {
      throw new LegatoError(
        'TRACE_INVALID',
        `${name}: line ${where.line}: expected 2 fields "time_s throughput_Mbps", received ${where.fields.length}`,
        { details: { line: where.line } },
      );
    }
    const t = numberField(name, where, 0, 'time_s');
    const mbps = numberField(name, where, 1, 'throughput_Mbps');
    const prev = times[times.length - 1];
    if (prev !== undefined && !(t > prev)) {
      throw new LegatoError(
        'TRACE_INVALID',
        `${name}: line ${where.line}: expected time_s > ${prev} (increasing), received ${t}`,
        { details: { line: where.line } },
      );
    }
    times.push(t);
    rates.push(mbps * 1e6);
  }
  if (times.length === 0) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected at least one data line, received none`,
    );
  }
  const steps: TraceStep[] = new Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const next = times[i + 1];
    const durationS = next !== undefined ? next - times[i]! : i > 0 ? times[i]! - times[i - 1]! : 1;
    steps[i] = { durationMs: durationS * 1000, bitsPerSecond: rates[i]!, latencyMs };
  }
  return createTrace(steps, {
    name,
    ...(options.end === undefined ? {} : { end: options.end }),
  });
}

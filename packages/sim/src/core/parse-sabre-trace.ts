import { LegatoError } from '@legato/errors';
import { checkTraceText, DEFAULT_MAX_TRACE_CHARS } from '../_internal/trace-text.js';
import { createTrace, type Trace, type TraceEnd, type TraceStep } from './trace.js';

/** Options of {@link parseSabreTrace}. */
export interface ParseSabreTraceOptions {
  /** Label for reports and error messages. @default 'sabre trace' */
  readonly name?: string;
  /** What happens after the last step. @default 'loop' */
  readonly end?: TraceEnd;
  /** Latency of steps that omit `latency_ms`, ms. @default 0 */
  readonly defaultLatencyMs?: number;
  /** Largest accepted input, characters. @default 67108864 */
  readonly maxChars?: number;
}

/**
 * Parses a Sabre network trace: a JSON array of `{duration_ms, bandwidth_kbps, latency_ms}`
 * (kb/s = 1000 bit/s). Throws `TRACE_INVALID` naming the bad index and field.
 *
 * @example
 * ```ts
 * const trace = parseSabreTrace('[{"duration_ms":1000,"bandwidth_kbps":1500,"latency_ms":100}]');
 * throughputAt(trace, 0); // 1_500_000
 * ```
 */
export function parseSabreTrace(text: string, options: ParseSabreTraceOptions = {}): Trace {
  const name = options.name ?? 'sabre trace';
  checkTraceText(name, text, options.maxChars ?? DEFAULT_MAX_TRACE_CHARS);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected JSON, received unparsable text (${(cause as Error).message})`,
      { cause },
    );
  }
  if (!Array.isArray(data)) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected a JSON array of steps, received ${data === null ? 'null' : typeof data}`,
    );
  }
  const defaultLatencyMs = options.defaultLatencyMs ?? 0;
  const steps: TraceStep[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new LegatoError(
        'TRACE_INVALID',
        `${name}: index ${i}: expected an object {duration_ms, bandwidth_kbps, latency_ms}, received ${JSON.stringify(item)?.slice(0, 60)}`,
        { details: { index: i } },
      );
    }
    const rec = item as Record<string, unknown>;
    const latency = rec['latency_ms'] === undefined ? defaultLatencyMs : rec['latency_ms'];
    steps[i] = {
      durationMs: field(name, i, 'duration_ms', rec['duration_ms'], true),
      bitsPerSecond: field(name, i, 'bandwidth_kbps', rec['bandwidth_kbps'], false) * 1000,
      latencyMs: field(name, i, 'latency_ms', latency, false),
    };
  }
  return createTrace(steps, {
    name,
    ...(options.end === undefined ? {} : { end: options.end }),
  });
}

function field(name: string, i: number, key: string, value: unknown, positive: boolean): number {
  if (typeof value === 'number' && Number.isFinite(value) && (positive ? value > 0 : value >= 0)) {
    return value;
  }
  throw new LegatoError(
    'TRACE_INVALID',
    `${name}: index ${i}: expected ${key} a finite number ${positive ? '> 0' : '≥ 0'}, received ${JSON.stringify(value) ?? 'nothing'}`,
    { details: { index: i, field: key } },
  );
}

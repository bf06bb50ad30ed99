import { LegatoError } from '@legato/errors';
import { traceLines } from '../_internal/trace-text.js';
import { parseMahimahiTrace } from './parse-mahimahi-trace.js';
import { parsePensieveTrace } from './parse-pensieve-trace.js';
import { parseSabreTrace } from './parse-sabre-trace.js';
import type { Trace, TraceEnd } from './trace.js';

/** Trace file formats {@link parseTrace} understands. */
export const TraceFormat = {
  /** JSON array of `{duration_ms, bandwidth_kbps, latency_ms}`. */
  sabre: 'sabre',
  /** Text, `time_s throughput_Mbps` per line. */
  pensieve: 'pensieve',
  /** Text, one packet-delivery timestamp (ms) per line. */
  mahimahi: 'mahimahi',
} as const;
/** Trace file formats {@link parseTrace} understands. */
export type TraceFormat = (typeof TraceFormat)[keyof typeof TraceFormat];

/** Options of {@link parseTrace}. */
export interface ParseTraceOptions {
  /** Label for reports and error messages. @default 'trace' */
  readonly name?: string;
  /** The file's format; detected from its content when omitted. */
  readonly format?: TraceFormat;
  /** What happens after the last step. @default 'loop' */
  readonly end?: TraceEnd;
}

/**
 * Detects a trace file's format: `[` first → Sabre JSON; first data line with two fields →
 * Pensieve; one field → Mahimahi. Throws `TRACE_INVALID` when none fits.
 */
export function detectTraceFormat(text: string): TraceFormat {
  const first = text.trimStart()[0];
  if (first === '[') return TraceFormat.sabre;
  for (const where of traceLines(text.slice(0, 4096))) {
    if (where.fields.length === 2) return TraceFormat.pensieve;
    if (where.fields.length === 1) return TraceFormat.mahimahi;
    break;
  }
  throw new LegatoError(
    'TRACE_INVALID',
    'expected a Sabre JSON array, "time_s throughput_Mbps" lines or Mahimahi timestamps, received none of them',
  );
}

/**
 * Parses a trace file of any supported format (see {@link TraceFormat}).
 *
 * @example
 * ```ts
 * const trace = parseTrace(readFileSync(path, 'utf8'), { name: basename(path) });
 * ```
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): Trace {
  const format = options.format ?? detectTraceFormat(String(text));
  const common = {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.end === undefined ? {} : { end: options.end }),
  };
  switch (format) {
    case 'sabre':
      return parseSabreTrace(text, common);
    case 'pensieve':
      return parsePensieveTrace(text, common);
    case 'mahimahi':
      return parseMahimahiTrace(text, common);
    default:
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `format: expected sabre | pensieve | mahimahi, received ${String(format)}`,
      );
  }
}

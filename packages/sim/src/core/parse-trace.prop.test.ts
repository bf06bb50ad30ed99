import { fc, test } from '@fast-check/vitest';
import { isLegatoError } from '@legato/errors';
import { parseTrace, type TraceFormat } from '@legato/sim';
import { describe, expect } from 'vitest';

/** Text that looks like a trace often enough to reach deep into the parsers. */
const traceLike = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.integer({ min: -5, max: 1e6 }).map(String),
          fc.constantFrom('x', '1e999', 'NaN', ''),
        ),
        fc.oneof(fc.double({ noNaN: false }).map(String), fc.constantFrom('', '#c', '2 3')),
      ),
      { maxLength: 30 },
    )
    .map((rows) => rows.map(([a, b]) => `${a} ${b}`).join('\n')),
  fc.array(fc.integer({ min: -1, max: 5000 }), { maxLength: 50 }).map((xs) => xs.join('\n')),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .array(
      fc.record({
        duration_ms: fc.oneof(
          fc.integer({ min: -10, max: 5000 }),
          fc.constant('7' as unknown as number),
        ),
        bandwidth_kbps: fc.oneof(fc.double(), fc.integer({ min: 0, max: 1e5 })),
        latency_ms: fc.option(fc.integer({ min: -1, max: 500 }), { nil: undefined }),
      }),
      { maxLength: 20 },
    )
    .map((v) => JSON.stringify(v)),
);

describe('hostile trace input', () => {
  test.prop(
    [
      traceLike,
      fc.option(fc.constantFrom<TraceFormat>('sabre', 'pensieve', 'mahimahi'), { nil: undefined }),
    ],
    {
      numRuns: 400,
    },
  )(
    'any text gives a valid Trace or a TRACE_INVALID LegatoError, never a bare error',
    (text, format) => {
      try {
        const trace = parseTrace(text, format === undefined ? {} : { format });
        expect(trace.steps.length).toBeGreaterThan(0);
        expect(trace.periodMs).toBeGreaterThan(0);
        expect(Number.isFinite(trace.bitsPerPeriod)).toBe(true);
        for (const s of trace.steps) {
          expect(s.durationMs).toBeGreaterThan(0);
          expect(s.bitsPerSecond).toBeGreaterThanOrEqual(0);
        }
      } catch (e) {
        expect(isLegatoError(e) ? e.code : e).toBe('TRACE_INVALID');
      }
    },
  );
});

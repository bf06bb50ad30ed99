import { isLegatoError } from '@legato/errors';
import {
  bytesDeliverable,
  detectTraceFormat,
  parseMahimahiTrace,
  parsePensieveTrace,
  parseSabreTrace,
  parseTrace,
  throughputAt,
} from '@legato/sim';
import { describe, expect, it } from 'vitest';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isLegatoError(e) ? `${e.code}: ${e.message}` : `not a LegatoError: ${String(e)}`;
  }
  return 'no error';
}

describe('parseSabreTrace', () => {
  it('reads kb/s steps with latency', () => {
    const trace = parseSabreTrace(
      '[{"duration_ms":1000,"bandwidth_kbps":1500,"latency_ms":100},{"duration_ms":500,"bandwidth_kbps":0,"latency_ms":20}]',
    );
    expect(trace.steps).toEqual([
      { durationMs: 1000, bitsPerSecond: 1_500_000, latencyMs: 100 },
      { durationMs: 500, bitsPerSecond: 0, latencyMs: 20 },
    ]);
    expect(trace.periodMs).toBe(1500);
  });

  it('names the bad index and field', () => {
    expect(
      errorOf(() =>
        parseSabreTrace(
          '[{"duration_ms":1,"bandwidth_kbps":1},{"duration_ms":"x","bandwidth_kbps":1}]',
          { name: 't.json' },
        ),
      ),
    ).toBe(
      'TRACE_INVALID: t.json: index 1: expected duration_ms a finite number > 0, received "x"',
    );
    expect(errorOf(() => parseSabreTrace('[{"duration_ms":1}]'))).toMatch(
      /index 0: expected bandwidth_kbps .* received nothing/,
    );
    expect(errorOf(() => parseSabreTrace('[1]'))).toMatch(/index 0: expected an object/);
    expect(errorOf(() => parseSabreTrace('{"a":1}'))).toMatch(
      /expected a JSON array of steps, received object/,
    );
    expect(errorOf(() => parseSabreTrace('[{"duration_ms":1,'))).toMatch(
      /^TRACE_INVALID: .*expected JSON/,
    );
    expect(errorOf(() => parseSabreTrace('[]'))).toMatch(/at least one step/);
    expect(errorOf(() => parseSabreTrace('[]'.padEnd(100), { maxChars: 10 }))).toMatch(
      /at most 10 characters/,
    );
  });

  it('defaults a missing latency_ms', () => {
    const trace = parseSabreTrace('[{"duration_ms":10,"bandwidth_kbps":8}]', {
      defaultLatencyMs: 40,
    });
    expect(trace.steps[0]!.latencyMs).toBe(40);
  });
});

describe('parsePensieveTrace', () => {
  it('holds each rate until the next line, the last one as long as the step before', () => {
    const trace = parsePensieveTrace('# cooked\n5.0 1.5\n6.0 3.0\n\n8.0 0.5\n', { latencyMs: 80 });
    expect(trace.steps.map((s) => [s.durationMs, s.bitsPerSecond])).toEqual([
      [1000, 1_500_000],
      [2000, 3_000_000],
      [2000, 500_000],
    ]);
    expect(throughputAt(trace, 1200)).toBe(3_000_000);
    expect(trace.steps[0]!.latencyMs).toBe(80);
    expect(bytesDeliverable(trace, 0, 5000)).toBe((1.5e6 + 6e6 + 1e6) / 8);
  });

  it('names the bad line', () => {
    expect(errorOf(() => parsePensieveTrace('0 1\n1 2\nabc 3\n'))).toMatch(
      /line 3: expected time_s \(a finite number ≥ 0\) in column 1, received "abc"/,
    );
    expect(errorOf(() => parsePensieveTrace('0 1\n0 2\n'))).toMatch(/line 2: expected time_s > 0/);
    expect(errorOf(() => parsePensieveTrace('0 1 2\n'))).toMatch(/line 1: expected 2 fields/);
    expect(errorOf(() => parsePensieveTrace('0 -1\n'))).toMatch(/line 1: .*throughput_Mbps/);
    expect(errorOf(() => parsePensieveTrace('\n\n'))).toMatch(/at least one data line/);
  });
});

describe('parseMahimahiTrace', () => {
  it('turns packet opportunities into rates (1500 B each)', () => {
    expect(throughputAt(parseMahimahiTrace('1\n'), 0)).toBe(12_000_000);
    // 4 packets in the first ms, none until 10 ms, then one at 10: 100 ms bins → one 10 ms bin.
    const trace = parseMahimahiTrace('1\n1\n1\n1\n10\n');
    expect(trace.periodMs).toBe(10);
    expect(bytesDeliverable(trace, 0, 10)).toBe(5 * 1500);
  });

  it('bins into binMs steps with a short last bin', () => {
    const lines = Array.from({ length: 250 }, (_, i) => String(i + 1)).join('\n');
    const trace = parseMahimahiTrace(lines, { binMs: 100 });
    expect(trace.steps.map((s) => s.durationMs)).toEqual([100, 100, 50]);
    expect(trace.steps.every((s) => s.bitsPerSecond === 12_000_000)).toBe(true);
  });

  it('names the bad line', () => {
    expect(errorOf(() => parseMahimahiTrace('1\n5\n3\n'))).toMatch(
      /line 3: expected an integer timestamp ≥ 5, received 3/,
    );
    expect(errorOf(() => parseMahimahiTrace('1\n2.5\n'))).toMatch(/line 2: expected an integer/);
    expect(errorOf(() => parseMahimahiTrace('0\n'))).toMatch(/ending after 0 ms/);
  });
});

describe('detectTraceFormat', () => {
  it('tells the three formats apart', () => {
    expect(detectTraceFormat('  [{"duration_ms":1}]')).toBe('sabre');
    expect(detectTraceFormat('# x\n0.0 1.2\n')).toBe('pensieve');
    expect(detectTraceFormat('12\n13\n')).toBe('mahimahi');
    expect(errorOf(() => detectTraceFormat('a b c d\n'))).toMatch(/^TRACE_INVALID/);
    expect(parseTrace('0 2\n1 4\n').steps.length).toBe(2);
  });
});

import { isLegatoError } from '@legato/errors';
import {
  bytesDeliverable,
  createTrace,
  deliveryEndMs,
  latencyAt,
  type TraceStep,
  throughputAt,
} from '@legato/sim';
import { describe, expect, it } from 'vitest';

const onOff: TraceStep[] = [
  { durationMs: 1000, bitsPerSecond: 2_000_000, latencyMs: 50 },
  { durationMs: 1000, bitsPerSecond: 0, latencyMs: 70 },
];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isLegatoError(e) ? `${e.code}: ${e.message}` : `not a LegatoError: ${String(e)}`;
  }
  return undefined;
}

describe('createTrace', () => {
  it('builds prefix sums of time and bits', () => {
    const trace = createTrace(onOff, { name: 'on-off' });
    expect(trace.periodMs).toBe(2000);
    expect(trace.bitsPerPeriod).toBe(2_000_000);
    expect([...trace.startMs]).toEqual([0, 1000, 2000]);
    expect([...trace.cumulativeBits]).toEqual([0, 2_000_000, 2_000_000]);
    expect(Object.isFrozen(trace.steps)).toBe(true);
  });

  it('rejects bad steps naming the index and field', () => {
    expect(codeOf(() => createTrace([]))).toMatch(/^TRACE_INVALID: .*at least one step/);
    expect(
      codeOf(() =>
        createTrace([onOff[0]!, { durationMs: 0, bitsPerSecond: 1, latencyMs: 0 }], { name: 'x' }),
      ),
    ).toBe('TRACE_INVALID: x: step 1: expected durationMs a finite number > 0, received 0');
    expect(codeOf(() => createTrace([{ durationMs: 1, bitsPerSecond: -5, latencyMs: 0 }]))).toMatch(
      /step 0: expected bitsPerSecond .* received -5/,
    );
    expect(
      codeOf(() => createTrace([{ durationMs: 1, bitsPerSecond: 5, latencyMs: Number.NaN }])),
    ).toMatch(/step 0: expected latencyMs .* received NaN/);
  });

  it('rejects traces whose totals overflow', () => {
    const huge = { durationMs: 1e300, bitsPerSecond: 1e300, latencyMs: 0 };
    expect(codeOf(() => createTrace([huge]))).toMatch(/^TRACE_INVALID: .*expected a finite total/);
  });

  it('rejects traces that can never deliver data', () => {
    expect(codeOf(() => createTrace([{ durationMs: 5, bitsPerSecond: 0, latencyMs: 0 }]))).toMatch(
      /only zero-throughput steps/,
    );
    expect(codeOf(() => createTrace(onOff, { end: 'hold' }))).toMatch(/last step of a holding/);
  });
});

describe('throughputAt / latencyAt', () => {
  const trace = createTrace(onOff);
  it('reads the step in force, looping', () => {
    expect(throughputAt(trace, 0)).toBe(2_000_000);
    expect(throughputAt(trace, 999.9)).toBe(2_000_000);
    expect(throughputAt(trace, 1000)).toBe(0);
    expect(throughputAt(trace, 2000)).toBe(2_000_000);
    expect(throughputAt(trace, 7500)).toBe(0);
    expect(latencyAt(trace, 1500)).toBe(70);
    expect(latencyAt(trace, 4200)).toBe(50);
  });
  it('holds the last step when asked to', () => {
    const hold = createTrace([...onOff].reverse(), { end: 'hold' });
    expect(throughputAt(hold, 50_000)).toBe(2_000_000);
  });
  it('rejects negative or non-finite times', () => {
    expect(codeOf(() => throughputAt(trace, -1))).toMatch(/^INVALID_ARGUMENT: tMs/);
    expect(codeOf(() => latencyAt(trace, Number.POSITIVE_INFINITY))).toMatch(/^INVALID_ARGUMENT/);
  });
});

describe('bytesDeliverable / deliveryEndMs', () => {
  const trace = createTrace(onOff);
  it('integrates across steps and loops', () => {
    expect(bytesDeliverable(trace, 0, 1000)).toBe(250_000);
    expect(bytesDeliverable(trace, 500, 2500)).toBe(250_000);
    expect(bytesDeliverable(trace, 1000, 2000)).toBe(0);
    expect(bytesDeliverable(trace, 0, 20_000)).toBe(2_500_000);
  });
  it('waits out zero-throughput steps', () => {
    expect(deliveryEndMs(trace, 0, 250_000)).toBe(1000);
    expect(deliveryEndMs(trace, 0, 250_001)).toBeCloseTo(2000.004, 6);
    expect(deliveryEndMs(trace, 1200, 125_000)).toBe(2500);
    expect(deliveryEndMs(trace, 1200, 0)).toBe(1200);
    // 10 periods and a half
    expect(deliveryEndMs(trace, 0, 2_625_000)).toBe(20_500);
  });
  it('holds the last rate after the end of a holding trace', () => {
    const hold = createTrace(
      [
        { durationMs: 1000, bitsPerSecond: 8000, latencyMs: 0 },
        { durationMs: 1000, bitsPerSecond: 16_000, latencyMs: 0 },
      ],
      { end: 'hold' },
    );
    expect(bytesDeliverable(hold, 0, 4000)).toBe(1000 + 2000 + 4000);
    expect(deliveryEndMs(hold, 2000, 4000)).toBe(4000);
  });
  it('rejects reversed ranges', () => {
    expect(codeOf(() => bytesDeliverable(trace, 10, 5))).toMatch(/toMs: expected ≥ fromMs/);
  });
});

import { createTrace } from '@legato/sim';
import { createShapedLink } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

// 1 s at 8 Mb/s (40 ms latency), then 1 s at 0.8 Mb/s (200 ms latency).
const trace = createTrace([
  { durationMs: 1000, bitsPerSecond: 8_000_000, latencyMs: 40 },
  { durationMs: 1000, bitsPerSecond: 800_000, latencyMs: 200 },
]);

describe('createShapedLink', () => {
  it('is unshaped without a trace or a fixed rate', () => {
    const link = createShapedLink(undefined, 1, () => 0);
    expect(link.shaped()).toBe(false);
    expect(link.reserve(1_000_000)).toBe(0);
    expect(link.latencyMs()).toBe(0);
  });

  it('books the shared link back to back at a fixed rate', () => {
    let now = 0;
    const link = createShapedLink(undefined, 1, () => now);
    link.setThroughput(8_000_000); // 1 byte per µs
    expect(link.reserve(1000)).toBe(1);
    expect(link.reserve(1000)).toBe(2); // queued behind the first booking
    now = 10;
    expect(link.reserve(1000)).toBe(1); // the link was idle again
  });

  it('gives the sender of a body up to 10 wall ms late the link time it missed, nothing more', () => {
    let now = 0;
    const link = createShapedLink(undefined, 20, () => now);
    link.setThroughput(8_000_000); // 1 byte per µs of trace
    expect(link.reserve(20_000)).toBe(1); // 20 ms of trace = 1 ms of wall time at speed 20
    now = 3; // the timer fired 2 ms late: the next chunk's slot (trace 20–40 ms) has passed
    expect(link.reserve(20_000, true)).toBe(0);
    expect(link.reserve(20_000, true)).toBe(0); // trace 40–60 ms: due now
    expect(link.reserve(20_000, true)).toBe(1); // back on schedule
    now = 5; // a new body (not continuing) gets no credit: booked after the last one
    expect(link.reserve(20_000)).toBe(1);
    now = 100; // 94 wall ms late is not timer lateness: no credit
    expect(link.reserve(20_000, true)).toBe(1);
  });

  it('follows a trace, time-scaled by speed', () => {
    let now = 0;
    const link = createShapedLink(trace, 10, () => now);
    // 1 MB at 8 Mb/s takes 1 s of trace time = 100 ms of wall time at speed 10.
    expect(link.reserve(1_000_000)).toBeCloseTo(100, 6);
    expect(link.latencyMs()).toBeCloseTo(4, 6);
    now = 100; // trace time 1000 ms: the slow step
    expect(link.reserve(100_000)).toBeCloseTo(100, 6);
    expect(link.latencyMs()).toBeCloseTo(20, 6);
    link.setThroughput(undefined);
    expect(link.shaped()).toBe(true);
  });

  it('starts the trace over on restartTrace (a player that starts after the origin meets its first step)', () => {
    let now = 0;
    const link = createShapedLink(trace, 10, () => now);
    link.reserve(1_000_000); // books the link until trace 1000 ms
    now = 150; // trace time 1500 ms: the slow step
    expect(link.latencyMs()).toBeCloseTo(20, 6);
    link.restartTrace();
    expect(link.latencyMs()).toBeCloseTo(4, 6); // the first step again
    expect(link.reserve(1_000_000)).toBeCloseTo(100, 6); // at 8 Mb/s, no booking left over
  });
});

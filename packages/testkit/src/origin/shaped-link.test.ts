import { createTrace } from '@legato/sim';
import { createShapedLink } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

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

  it('follows a trace, time-scaled by speed', () => {
    const trace = createTrace([
      { durationMs: 1000, bitsPerSecond: 8_000_000, latencyMs: 40 },
      { durationMs: 1000, bitsPerSecond: 800_000, latencyMs: 200 },
    ]);
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
});

import { createTrace, type Trace } from '@legato/sim';

/**
 * The demo's default network: fluctuating enough around the fixture's ladder (Opus ≈ 57 and
 * 96 kb/s, FLAC ≈ 104 and 111 kb/s peak) to force an up-switch into FLAC, a down-switch to Opus
 * during a dip, and a recovery — without a stall if the ABR does its job. Times are media time.
 */
export function defaultDemoTrace(): Trace {
  const step = (seconds: number, kbps: number, latencyMs = 40) => ({
    durationMs: seconds * 1000,
    bitsPerSecond: kbps * 1000,
    latencyMs,
  });
  return createTrace(
    [step(8, 140), step(14, 900), step(16, 75, 120), step(12, 600), step(10, 180), step(30, 1200)],
    { name: 'demo-fluctuating', end: 'hold' },
  );
}

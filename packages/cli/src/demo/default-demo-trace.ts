import { createTrace, type Trace } from '@legato/sim';

/**
 * The demo's default network: fluctuating around the fixture's narrow ladder (Opus ≈ 57 and
 * 96 kb/s, FLAC ≈ 104 and 111 kb/s peak): an up-switch to FLAC once the link is measured, a dip
 * that forces a down-switch to Opus, then a recovery — without a stall if the ABR does its job. Times are media time.
 */
export function defaultDemoTrace(): Trace {
  const step = (seconds: number, kbps: number, latencyMs = 40) => ({
    durationMs: seconds * 1000,
    bitsPerSecond: kbps * 1000,
    latencyMs,
  });
  return createTrace(
    [
      // Ample: once measured, the controller climbs from its conservative start to FLAC.
      step(16, 450),
      // A long dip below the FLAC rungs: the ABR must step down to Opus before the buffer runs dry.
      step(24, 60, 120),
      // Recovery.
      step(40, 600),
    ],
    { name: 'demo-fluctuating', end: 'hold' },
  );
}

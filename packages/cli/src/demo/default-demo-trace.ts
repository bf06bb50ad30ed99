import { createTrace, type Trace } from '@legato/sim';

/**
 * The demo's default network: fluctuating around the fixture's narrow ladder (Opus ≈ 57 and
 * 96 kb/s, FLAC ≈ 104 and 111 kb/s peak): FLAC while the link is ample, a dip that forces a
 * down-switch to Opus, and a recovery that brings FLAC back — without a stall if the ABR does
 * its job. Times are media time.
 */
export function defaultDemoTrace(): Trace {
  const step = (seconds: number, kbps: number, latencyMs = 40) => ({
    durationMs: seconds * 1000,
    bitsPerSecond: kbps * 1000,
    latencyMs,
  });
  return createTrace(
    [
      // Ample: FLAC from the start.
      step(18, 450),
      // A long dip below the FLAC rungs: the ABR must step down to Opus before the buffer runs dry.
      step(16, 80, 120),
      // Recovery: back up to FLAC.
      step(40, 500),
    ],
    { name: 'demo-fluctuating', end: 'hold' },
  );
}

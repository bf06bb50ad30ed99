import { createTrace, type Trace } from '@legato/sim';

/**
 * The demo's default network, in media time, shaped for the music ladder (Opus ≈ 70/130/325
 * kb/s, FLAC ≈ 0.97/1.8/3.0/5.4 Mb/s peak): a DSL-like start on which the controller climbs from
 * its conservative first estimate into FLAC, a long dip to 0.3 Mb/s that forces it down to Opus
 * before the buffer runs dry, and a fast recovery that lets it climb back into FLAC.
 */
export function defaultDemoTrace(): Trace {
  const step = (seconds: number, kbps: number, latencyMs = 40) => ({
    durationMs: seconds * 1000,
    bitsPerSecond: kbps * 1000,
    latencyMs,
  });
  return createTrace(
    [
      // Ample: once measured, the controller climbs from Opus into FLAC HD.
      step(20, 3000),
      // A long dip below every FLAC rung: the ABR must step down to Opus.
      step(25, 300, 120),
      // Recovery: back into FLAC.
      step(60, 8000),
    ],
    { name: 'demo-fluctuating', end: 'hold' },
  );
}

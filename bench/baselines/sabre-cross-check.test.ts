// Cross-check against Sabre (shared/data/sabre-reference/, UMass-LIDS/sabre src/sabre.py) where it
// runs the same algorithm as a baseline part: the dual EWMA throughput estimate of dash.js's
// lineage (`createDualEwmaMeter`). Sabre's ThroughputRule on top of it is rebuilt here from its
// source (facts only) as a test twin; with the simulator's network model exact against Sabre (see
// packages/sim/src/sabre-reference.test.ts), every rung Sabre chose must come out the same.
import {
  parseSabreManifest,
  parseTrace,
  type SimPolicy,
  type SimTrack,
  simulate,
} from '@legato/sim';
import { readSabreReference } from '@legato/test-data';
import { describe, expect, it } from 'vitest';
import { createDualEwmaMeter } from './dual-ewma-meter.js';

const {
  runs,
  manifests: tracks,
  trace: sabreTrace,
} = readSabreReference(
  {
    parseManifest: (json) => parseSabreManifest(json),
    parseTrace: (json, name) => parseTrace(json, { name }),
  },
  import.meta.url,
);

/**
 * Sabre's `-a throughput` (ThroughputRule with its insufficient-buffer rule, `-ma ewma -hl 3 8`):
 * the dual EWMA of download time without latency (our meter, 1 weight unit per second), a
 * latency EWMA per sample (half-lives 8 s and 3 s in segments, the max), and
 * `quality_from_throughput(0.9 × estimate)`: the highest rung whose segment arrives within one
 * segment time after the latency; the insufficient-buffer rule caps it at a safety factor that
 * starts at 0.9 and shrinks ×0.9 per call to 0.5. The first segment is the lowest rung.
 */
function sabreThroughputTwin(track: SimTrack): SimPolicy {
  const bitrates = track.rungs.map((r) => r.bitsPerSecond);
  const segS = track.segmentDurationsS[0]!;
  const meter = createDualEwmaMeter({
    fastHalfLife: 3,
    slowHalfLife: 8,
    excludeLatency: true,
    defaultEstimateBps: 0,
    minTotalBytes: 1,
    minSampleBytes: 0,
  });
  const latencyHalfLives = [8 / segS, 3 / segS];
  const lat = [0, 0];
  let latWeight = 0;
  let latencyS = 0;
  let ibrSafety = 0.9;
  const fromThroughput = (bps: number) => {
    let q = 0;
    while (q + 1 < bitrates.length && latencyS + (segS * bitrates[q + 1]!) / bps <= segS) q++;
    return q;
  };
  return {
    name: 'sabre-throughput-twin',
    meter: {
      addSample(bytes, durationMs, nowMs, firstByteMs = 0) {
        meter.addSample(bytes, durationMs, nowMs, firstByteMs);
        latWeight += 1;
        let worst = 0;
        latencyHalfLives.forEach((h, i) => {
          const a = 0.5 ** (1 / h);
          lat[i] = a * lat[i]! + (1 - a) * (firstByteMs / 1000);
          worst = Math.max(worst, lat[i]! / (1 - 0.5 ** (latWeight / h)));
        });
        latencyS = worst;
      },
      estimate: () => meter.estimate(),
    },
    abr: {
      decide(input) {
        if (input.lastIndex < 0) return 0;
        const tput = input.estimateBps;
        let q = fromThroughput(tput * 0.9);
        const safeBits = ibrSafety * (input.bufferS - latencyS) * tput;
        ibrSafety = Math.max(0.5, ibrSafety * 0.9);
        for (let i = 0; i < q; i++) {
          if (bitrates[i + 1]! * segS > safeBits) {
            q = i;
            break;
          }
        }
        return q;
      },
    },
  };
}

describe('the dual EWMA meter against Sabre (sabre-throughput, no abandonment)', () => {
  const sabre = runs.filter((r) => r.policy === 'sabre-throughput');

  it('chooses every rung Sabre chose, in all 56 runs (2 ladders × 14 traces × 2 caps)', () => {
    expect(sabre).toHaveLength(56);
    let matched = 0;
    for (const run of sabre) {
      const track = tracks[run.manifest];
      const r = simulate({
        track,
        trace: sabreTrace(run.trace),
        policy: sabreThroughputTwin(track),
        startupS: 0,
        resumeS: 0,
        bufferCapS: run.bufferCapS,
      });
      const ours = r.segments.map((s) => s.rung);
      if (ours.join() === run.qualities.join() && Math.abs(r.rebufferS - run.rebufferS) < 1e-3) {
        matched++;
      }
    }
    expect(matched).toBe(56);
  });
});

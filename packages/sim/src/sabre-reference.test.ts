import { parseSabreManifest, parseTrace, type SimPolicy, simulate } from '@legato/sim';
import { readSabreReference } from '@legato/test-data';
import { describe, expect, it } from 'vitest';

// Outside core/: this test reads the Sabre reference results (shared/data/sabre-reference/).
const {
  runs,
  manifests,
  trace: sabreTrace,
} = readSabreReference(
  {
    parseManifest: (json) => parseSabreManifest(json),
    parseTrace: (json, name) => parseTrace(json, { name }),
  },
  import.meta.url,
);

/** Plays Sabre's own rung sequence: a fixed rung per segment, no estimate involved. */
function replay(qualities: readonly number[]): SimPolicy {
  let next = 0;
  return {
    name: 'replay',
    meter: { addSample: () => undefined, estimate: () => 0 },
    abr: { decide: () => qualities[next++]! },
  };
}

describe('exact against Sabre (shared/data/sabre-reference) for fixed rungs', () => {
  // Sabre's throughput rule never waits: with its rung sequence replayed, every difference
  // would be the network / buffer model's. Sabre starts and resumes as soon as a segment is in.
  const fixed = runs.filter((r) => r.policy === 'sabre-throughput');

  it('replays all 56 sabre-throughput runs (2 ladders × 14 traces × 2 caps) to the millisecond', () => {
    expect(fixed).toHaveLength(56);
    for (const run of fixed) {
      const r = simulate({
        track: manifests[run.manifest],
        trace: sabreTrace(run.trace),
        policy: replay(run.qualities),
        startupS: 0,
        resumeS: 0,
        bufferCapS: run.bufferCapS,
      });
      expect(r.segments.map((s) => s.rung)).toEqual(run.qualities);
      expect(
        Math.abs(r.rebufferS - run.rebufferS),
        `${run.manifest} ${run.trace} ${run.bufferCapS}`,
      ).toBeLessThan(1e-3);
      expect(Math.abs(r.timeToFirstAudioS - run.startupS)).toBeLessThan(1e-3);
    }
  });
});

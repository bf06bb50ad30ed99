import { readFileSync } from 'node:fs';
import { parseSabreManifest, parseTrace, type SimPolicy, simulate } from '@legato/sim';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from './__test-helpers__/shared-data.js';

// Outside core/: this test reads the Sabre reference results (shared/data/sabre-reference/).
const ref = `${sharedDataDir()}sabre-reference/`;
const traces = `${sharedDataDir()}traces/`;

interface SabreRun {
  manifest: string;
  trace: string;
  policy: string;
  bufferCapS: number;
  rebufferS: number;
  startupS: number;
  abandons: number;
  qualities: number[];
}
const runs = JSON.parse(readFileSync(`${ref}sabre-results.json`, 'utf8')) as SabreRun[];
const manifests = Object.fromEntries(
  ['movie', 'music'].map((m) => [m, parseSabreManifest(readFileSync(`${ref}${m}.json`, 'utf8'))]),
);

/** `3g_report.X.json` → sabre-3g-norway/report.X.json; `4g_report_Y.json` → sabre-4g-belgium/report_Y.json. */
function traceFile(name: string): string {
  if (name.startsWith('3g_')) return `${traces}sabre-3g-norway/${name.slice(3)}`;
  return `${traces}sabre-4g-belgium/${name.slice(3)}`;
}

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
      const track = manifests[run.manifest]!;
      const trace = parseTrace(readFileSync(traceFile(run.trace), 'utf8'), { name: run.trace });
      const r = simulate({
        track,
        trace,
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

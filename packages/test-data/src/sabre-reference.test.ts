import { describe, expect, it } from 'vitest';
import { readSabreReference, sharedDataDir } from './index.js';

const parsers = {
  parseManifest: (json: string, name: string) => ({ name, ...JSON.parse(json) }),
  parseTrace: (json: string, name: string) => ({ name, steps: JSON.parse(json) as unknown[] }),
};

describe('readSabreReference', () => {
  const ref = readSabreReference(parsers, import.meta.url);

  it('reads all 1,008 runs and both ladders through the caller’s parsers', () => {
    expect(ref.runs).toHaveLength(1008);
    expect(new Set(ref.runs.map((r) => r.manifest))).toEqual(new Set(['movie', 'music']));
    expect(ref.runs.filter((r) => r.policy === 'sabre-throughput')).toHaveLength(56);
    expect(ref.manifests.movie.name).toBe('movie');
    expect(ref.manifests.music.name).toBe('music');
    expect(ref.dir).toMatch(/shared\/data\/sabre-reference\/$/);
  });

  it('finds every trace a run names (3g_ → Norway 3G, 4g_ → Belgium 4G)', () => {
    const names = [...new Set(ref.runs.map((r) => r.trace))];
    expect(names.filter((n) => n.startsWith('3g_'))).toHaveLength(10);
    expect(names.filter((n) => n.startsWith('4g_'))).toHaveLength(4);
    for (const name of names) {
      const trace = ref.trace(name);
      expect(trace.name).toBe(name);
      expect(trace.steps.length).toBeGreaterThan(0);
    }
  });

  it('rejects a trace name that is not Sabre’s', () => {
    expect(() => ref.trace('report.2010-09-22_0702CEST.json')).toThrow(
      /not a Sabre reference trace name/,
    );
  });
});

it('the README example', () => {
  // #region readme
  const data = sharedDataDir(import.meta.url); // '…/shared/data/' beside the checkout, or a clear error
  const { runs, manifests, trace } = readSabreReference(
    // @legato/sim's tests pass parseSabreManifest and parseTrace here
    { parseManifest: (json) => JSON.parse(json), parseTrace: (json) => JSON.parse(json) },
    import.meta.url,
  );
  const run = runs.find((r) => r.policy === 'sabre-bola')!;
  const segmentsInLadder = manifests[run.manifest].segment_sizes_bits.length;
  const steps = trace(run.trace); // Sabre's `3g_…` / `4g_…` names map to shared/data/traces/
  // #endregion
  expect(data).toMatch(/shared\/data\/$/);
  expect(run.qualities).toHaveLength(segmentsInLadder);
  expect(steps.length).toBeGreaterThan(0);
});

import { fc, test } from '@fast-check/vitest';
import { isLegatoError } from '@legato/errors';
import { parseMpd, type SegmentIndex } from '@legato/mpd';
import { describe, expect } from 'vitest';
import { fuzzSeedMpds } from './_test/fuzz-seeds.js';
import { amazonMpd, liveTimelineMpd } from './_test/mpd-generators.js';
import { mpdSpec, type RepSpec, specToXml } from './_test/mpd-model-arbitrary.js';

function expectedCount(r: RepSpec, durationS: number): number {
  const a = r.addressing;
  const spanUnits = durationS * a.timescale;
  if (a.kind === 'list') return Math.min(a.ranges.length, Math.ceil(spanUnits / a.duration));
  if (a.kind === 'template') return Math.ceil(spanUnits / a.duration);
  // Timeline segments that start at or after the period end are outside the period.
  let n = 0;
  let t = 0;
  for (const run of a.runs) {
    const inRun = Math.min(run.r + 1, Math.max(0, Math.ceil((spanUnits - t) / run.d)));
    n += inRun;
    t += (run.r + 1) * run.d;
  }
  return n;
}

/** The segment-index laws every index must satisfy. */
function expectIndexLaws(index: SegmentIndex, contiguous: boolean): void {
  // The first 150 positions and the last 50: the laws are local, so a window checks them.
  const positions = [
    ...new Set([
      ...Array.from({ length: Math.min(index.count, 150) }, (_, i) => i),
      ...Array.from({ length: Math.min(index.count, 50) }, (_, i) => index.count - 1 - i).reverse(),
    ]),
  ];
  let prevEnd = Number.NEGATIVE_INFINITY;
  let prevRangeEnd = -1;
  for (const i of positions) {
    if (i > 0 && !positions.includes(i - 1)) {
      const before = index.get(i - 1);
      prevEnd = before.startS + before.durationS;
      prevRangeEnd = before.range?.end ?? -1;
    }
    const s = index.get(i);
    expect(s.durationS).toBeGreaterThan(0);
    if (i > 0) {
      expect(s.number).toBe(index.get(i - 1).number + 1);
      expect(s.startS).toBeGreaterThanOrEqual(prevEnd - 1e-9);
      if (contiguous) expect(Math.abs(s.startS - prevEnd)).toBeLessThan(1e-6);
    }
    if (s.range !== null) {
      expect(s.range.end).toBeGreaterThanOrEqual(s.range.start);
      expect(s.range.start).toBeGreaterThan(prevRangeEnd);
      prevRangeEnd = s.range.end;
    }
    expect(index.findByTime(s.startS)).toBe(i);
    prevEnd = s.startS + s.durationS;
  }
}

/** Mutated-MPD runs: a small count in CI, `LEGATO_FUZZ_RUNS=100000` for the full campaign. */
const FUZZ_RUNS = Number(process.env.LEGATO_FUZZ_RUNS ?? 150);
/** Seeds for mutation: every addressing mode, big values, xlink, DRM descriptors. */
const FUZZ_SEEDS = [amazonMpd(), liveTimelineMpd(3000), ...fuzzSeedMpds()];
/** Tokens a mutation may splice in, so edits reach the interesting values and elements. */
const MPD_TOKENS = [
  ' r="-1"',
  ' t="18000000000000001"',
  ' d="0"',
  ' presentationTimeOffset="99999999999999999999"',
  ' duration="1"',
  ' timescale="0"',
  '<S d="1"/>',
  '<SegmentBase/>',
  ' indexRange="5-2"',
  ' xlink:href="x"',
  ' yt:x="1"',
  '$Time$',
  '$Number%05d$',
  ' mediaPresentationDuration="P1000000000Y"',
  ' start="PT1S"',
  ' cenc:default_KID="zz"',
  ' k="3"',
  ' k="0"',
  '$SubNumber$',
  ' availabilityTimeOffset="INF"',
  ' xlink:href="urn:mpeg:dash:resolve-to-zero:2013"',
];

describe('parseMpd properties', () => {
  test.prop([mpdSpec], { numRuns: 40 })(
    'generated MPDs round-trip to the model that generated them',
    (spec) => {
      const m = parseMpd(specToXml(spec));
      const sets = m.periods[0]!.adaptationSets;
      expect(sets.map((s) => s.id)).toEqual(spec.sets.map((s) => s.id));
      spec.sets.forEach((s, k) => {
        const set = sets[k]!;
        expect(set.selectionPriority).toBe(s.selectionPriority ?? 1);
        expect(set.lang).toBe(s.lang);
        expect(set.trackType).toBe(s.trackType ?? undefined);
        expect(set.switchableWith).toEqual(s.switchableWith);
        expect(set.contentType).toBe('audio');
        s.reps.forEach((r, j) => {
          const rep = set.representations[j]!;
          expect(rep.id).toBe(r.id);
          expect(rep.bandwidth).toBe(r.bandwidth);
          expect(rep.codecs).toBe(r.codecs);
          expect(rep.mimeType).toBe('audio/mp4');
          expect(rep.qualityRanking).toBe(r.qualityRanking ?? undefined);
          expect(rep.channels).toBe(r.channels);
          expect(rep.bitDepth).toBe(r.bitDepth ?? undefined);
          const index = rep.segmentIndex;
          expect(index.count).toBe(expectedCount(r, spec.durationS));
          const a = r.addressing;
          if (a.kind === 'list') {
            a.ranges.slice(0, index.count).forEach(([start, end], i) => {
              expect(index.get(i).range).toEqual({ start, end });
              expect(index.get(i).startS).toBeCloseTo((i * a.duration) / a.timescale, 9);
            });
            expect(index.initialization).toEqual({
              url: 'https://cdn.example/',
              range: { start: 0, end: 99 },
            });
          } else if (a.kind === 'template') {
            const first = index.get(0);
            expect(first.url).toBe(
              `https://cdn.example/${r.id}/${String(a.startNumber).padStart(4, '0')}.m4s`,
            );
            expect(index.initialization!.url).toBe(`https://cdn.example/${r.id}/init.mp4`);
          } else {
            let t = a.t0;
            let i = 0;
            for (const run of a.runs) {
              for (let k2 = 0; k2 <= run.r && i < Math.min(50, index.count); k2++, i++) {
                expect(index.get(i).url).toBe(`https://cdn.example/${t}.m4s`);
                expect(index.get(i).startS).toBeCloseTo((t - a.t0) / a.timescale, 6);
                t += run.d;
              }
              if (i >= 50) break;
            }
          }
          expectIndexLaws(index, true);
        });
      });
    },
  );

  test.prop(
    [
      fc.string({ maxLength: 2000 }),
      fc.nat({ max: FUZZ_SEEDS.length - 1 }),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat({ max: 40 }),
          fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...MPD_TOKENS)),
        ),
        { minLength: 1, maxLength: 8 },
      ),
    ],
    // CI runs a small count; `LEGATO_FUZZ_RUNS=100000 pnpm vitest run --project mpd prop` the full one.
    { numRuns: FUZZ_RUNS },
  )(
    'garbage and mutated XML only ever throw LegatoError, quickly, lenient or strict',
    (garbage, seed, edits) => {
      let mutated = FUZZ_SEEDS[seed]!;
      for (const [at, del, insert] of edits) {
        const i = at % mutated.length;
        mutated = mutated.slice(0, i) + insert + mutated.slice(i + del);
      }
      for (const input of [garbage, mutated, `<MPD>${garbage}</MPD>`]) {
        for (const strict of [false, true]) {
          const started = performance.now();
          try {
            const m = parseMpd(input, { strict, nowMs: 3_600_000 });
            for (const w of m.warnings) expect(w.path).toMatch(/^(MPD|Period\[\d+\]\S*)$/);
            for (const p of m.periods)
              for (const a of p.adaptationSets)
                for (const r of a.representations) {
                  const index = r.segmentIndex;
                  if (index.count === 0) continue;
                  const last = index.get(index.count - 1);
                  index.get(0);
                  expect(index.findByTime(last.startS)).toBeGreaterThanOrEqual(0);
                }
          } catch (error) {
            if (!isLegatoError(error)) throw error;
          }
          expect(performance.now() - started).toBeLessThan(2000);
        }
      }
    },
    Math.max(60_000, FUZZ_RUNS * 30),
  );
});

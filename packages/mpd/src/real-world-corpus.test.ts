import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMpd, type SegmentReference } from '@legato/mpd';
import { sharedDataDir } from '@legato/test-data';
import { describe, expect, it } from 'vitest';
import { corpusIndexTable, type Seg } from './_test/corpus-index-table.js';

// Outside core/: this test reads the real-world corpus beside the repository
// (../shared/data/real-world, see its README and SOURCES.tsv). Nothing is copied into the repo.
const realWorld = join(sharedDataDir(import.meta.url), 'real-world');
const mpdDir = join(realWorld, 'mpd');

function corpusFiles(): string[] {
  return readdirSync(mpdDir).flatMap((dir) =>
    readdirSync(join(mpdDir, dir)).map((f) => `${dir}/${f}`),
  );
}

function parseCorpus(file: string, now?: string) {
  const xml = readFileSync(join(mpdDir, file), 'utf8');
  return parseMpd(xml, {
    baseUrl: `https://corpus.test/${file}`,
    ...(now === undefined ? {} : { nowMs: Date.parse(now) }),
  });
}

function expectSegment(actual: SegmentReference, expected: Seg, what: string): void {
  expect(actual.url, what).toBe(expected.url);
  expect(actual.range, what).toEqual(
    expected.range === null ? null : { start: expected.range[0], end: expected.range[1] },
  );
  expect(actual.startS, what).toBeCloseTo(expected.startS, 9);
  expect(actual.durationS, what).toBeCloseTo(expected.durationS, 9);
}

describe('the real-world corpus (../shared/data/real-world/mpd)', () => {
  it('parses every manifest with default options; defects are warnings, not failures', () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(100);
    const failed: string[] = [];
    let warned = 0;
    for (const file of files) {
      try {
        const m = parseCorpus(file, '2026-01-01T00:00:00Z');
        if (m.warnings.length > 0) warned++;
        for (const p of m.periods)
          for (const a of p.adaptationSets)
            for (const r of a.representations) {
              const index = r.segmentIndex;
              if (index.count > 0) index.get(index.count - 1);
            }
      } catch (error) {
        failed.push(`${file}: ${(error as Error).message}`);
      }
    }
    // The bar is ≥ 99 %; every file of this corpus parses today.
    expect(failed).toEqual([]);
    expect(warned).toBeGreaterThan(0);
  });

  it('strict mode still rejects the defective ones (the warnings are real defects)', () => {
    const rejected = corpusFiles().filter((file) => {
      try {
        parseMpd(readFileSync(join(mpdDir, file), 'utf8'), { strict: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(rejected).toContain('shaka-old/car_segmenttemplate.mpd');
    expect(rejected).toContain('androidx/mpd_sample_mpd_live');
    expect(rejected).toContain('androidx/dash_standalone-webvtt_sample.mpd');
  });

  it(`matches the hand-derived segment index of ${corpusIndexTable.length} representations`, () => {
    expect(corpusIndexTable.length).toBeGreaterThanOrEqual(20);
    for (const row of corpusIndexTable) {
      const what = `${row.file} Period[${row.period}]/AdaptationSet[${row.set}]/Representation[${row.rep}]`;
      const m = parseCorpus(row.file, row.now);
      let index =
        m.periods[row.period]!.adaptationSets[row.set]!.representations[row.rep]!.segmentIndex;
      if (row.init !== undefined) {
        expect(index.initialization, what).toEqual({
          url: row.init.url,
          range: row.init.range && { start: row.init.range[0], end: row.init.range[1] },
        });
      }
      if (row.index !== undefined) {
        expect(index.index, what).toEqual({
          url: row.index.url,
          range: row.index.range && { start: row.index.range[0], end: row.index.range[1] },
        });
      }
      if (row.sidxFrom !== undefined) {
        const media = readFileSync(join(realWorld, 'media', row.sidxFrom));
        const r = index.index!.range!;
        index = index.withSidx(new Uint8Array(media.subarray(r.start, r.end + 1)));
      }
      expect(index.count, what).toBe(row.count);
      if (row.first !== undefined) expectSegment(index.get(0), row.first, `${what} first`);
      if (row.last !== undefined)
        expectSegment(index.get(index.count - 1), row.last, `${what} last`);
    }
  });

  it('reads the license URL under xmlns:dashif="https://dashif.org/" (androidx sample)', () => {
    const m = parseCorpus('androidx/mpd_sample_mpd_dashif_license_url');
    const urls = m.periods
      .flatMap((p) => p.adaptationSets)
      .flatMap((a) => a.contentProtection)
      .map((cp) => cp.licenseUrl)
      .filter((u) => u !== null);
    expect(urls.length).toBeGreaterThan(0);
  });
});

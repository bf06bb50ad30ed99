import { fc, test } from '@fast-check/vitest';
import { parseMpd } from '@legato/mpd';
import { expect } from 'vitest';
import { writeTestSidx } from './_test/sidx.js';

const refs = fc.array(
  fc.record({
    size: fc.integer({ min: 1, max: 5_000_000 }),
    duration: fc.integer({ min: 1, max: 2_000_000 }),
  }),
  { minLength: 1, maxLength: 60 },
);

test.prop(
  [
    refs,
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 4096 }),
    fc.constantFrom(1000, 44100, 48000),
  ],
  {
    numRuns: 100,
  },
)(
  'withSidx: byte ranges tile the file after the sidx, times tile the timeline',
  (list, start, firstOffset, timescale) => {
    const sidx = writeTestSidx(timescale, 0, firstOffset, list);
    const xml = `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static"><Period><AdaptationSet><Representation id="r" bandwidth="1">
    <BaseURL>https://cdn.example/t.mp4</BaseURL><SegmentBase indexRange="${start}-${start + sidx.length - 1}"/></Representation></AdaptationSet></Period></MPD>`;
    const base = parseMpd(xml).periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    const index = base.withSidx(sidx);
    expect(index.count).toBe(list.length);
    let offset = start + sidx.length + firstOffset;
    let timeS = 0;
    list.forEach((ref, i) => {
      const s = index.get(i);
      expect(s.range).toEqual({ start: offset, end: offset + ref.size - 1 });
      expect(s.url).toBe('https://cdn.example/t.mp4');
      expect(s.startS).toBeCloseTo(timeS, 6);
      expect(s.durationS).toBeCloseTo(ref.duration / timescale, 9);
      expect(index.findByTime(s.startS)).toBe(i);
      offset += ref.size;
      timeS += ref.duration / timescale;
    });
    expect(index.findByTime(timeS + 1e-3)).toBe(-1);
  },
);

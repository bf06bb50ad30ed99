import { fc, test } from '@fast-check/vitest';
import { isLegatoError } from '@legato/errors';
import { parseMpd, type SegmentIndex } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';

// Segment Sequences (ISO/IEC 23009-1 5th edition): an S with @k describes, per repetition, one
// Segment Sequence of k Segments of d / k each. $Number$ and $Time$ are the sequence's (shared
// by its parts), $SubNumber$ the part's, counted from 1 (shaka-player's reading; dash.js's
// getters agree on times and durations).
const template = (timeline: string, attrs = '', media = '$Number$-$Time$-$SubNumber$.m4s') =>
  mpd(
    `<Period><AdaptationSet><SegmentTemplate timescale="40000" media="${media}"${attrs}><SegmentTimeline>${timeline}</SegmentTimeline></SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
    'type="static" mediaPresentationDuration="PT30S"',
  );

const rows = (index: SegmentIndex) =>
  Array.from({ length: index.count }, (_, i) => {
    const s = index.get(i);
    return [s.url, s.number, s.subNumber, s.startS, s.durationS];
  });

describe('S@k Segment Sequences and $SubNumber$', () => {
  it('splits each sequence into k parts sharing $Number$ and $Time$', () => {
    const index = only(
      template('<S t="80000" d="120000" k="3"/><S d="240000" k="3"/>'),
    ).segmentIndex;
    expect(rows(index)).toEqual([
      ['1-80000-1.m4s', 1, 1, 2, 1],
      ['1-80000-2.m4s', 1, 2, 3, 1],
      ['1-80000-3.m4s', 1, 3, 4, 1],
      ['2-200000-1.m4s', 2, 1, 5, 2],
      ['2-200000-2.m4s', 2, 2, 7, 2],
      ['2-200000-3.m4s', 2, 3, 9, 2],
    ]);
    expect([index.findByTime(3.5), index.findByTime(8.9), index.findByTime(11)]).toEqual([
      1, 4, -1,
    ]);
  });

  it('repeats sequences with @r, keeps widths, and numbers from @startNumber', () => {
    const index = only(
      template(
        '<S t="0" d="80000" r="1" k="2"/><S d="40000"/>',
        ' startNumber="7"',
        '$Number%03d$/$SubNumber%02d$-$Time$.m4s',
      ),
    ).segmentIndex;
    expect(rows(index)).toEqual([
      ['007/01-0.m4s', 7, 1, 0, 1],
      ['007/02-0.m4s', 7, 2, 1, 1],
      ['008/01-80000.m4s', 8, 1, 2, 1],
      ['008/02-80000.m4s', 8, 2, 3, 1],
      // An S without @k is a plain segment: no subNumber, $SubNumber$ is 1.
      ['009/01-160000.m4s', 9, undefined, 4, 1],
    ]);
    expect('subNumber' in index.get(4)).toBe(false);
  });

  it('cuts at the period end inside a sequence; @endNumber counts sequences', () => {
    const cut = parseMpd(template('<S t="0" d="400000" r="-1" k="4"/>').replace('PT30S', 'PT25S'))
      .periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    // Sequences of 10 s in four 2.5 s parts; the period ends 25 s in: parts up to 22.5–25 s.
    expect(cut.count).toBe(10);
    expect(rows(cut).at(-1)).toEqual(['3-800000-2.m4s', 3, 2, 22.5, 2.5]);
    const ended = only(template('<S t="0" d="80000" r="5" k="2"/>', ' endNumber="2"')).segmentIndex;
    expect(rows(ended).map((r) => r[0])).toEqual([
      '1-0-1.m4s',
      '1-0-2.m4s',
      '2-80000-1.m4s',
      '2-80000-2.m4s',
    ]);
  });

  it('reads a long timeline with @k without the DOM, to the same index', () => {
    const body = Array.from(
      { length: 200 },
      (_, i) => `<S d="80000"${i % 2 ? ' k="4"' : ''}/>`,
    ).join('');
    const long = (xml: string) => xml.replace('PT30S', 'P1D');
    const columns = only(long(template(body))).segmentIndex;
    const dom = only(long(template(`<!-- through the DOM -->${body}`))).segmentIndex;
    expect(columns.count).toBe(100 * 4 + 100);
    expect(rows(columns)).toEqual(rows(dom));
  });

  it('a bad @k drops its S (strict: MPD_INVALID_ATTRIBUTE); $SubNumber$ in @initialization is refused', () => {
    const xml = template('<S t="0" d="80000" k="0"/><S d="80000" k="2"/>');
    const m = parseMpd(xml);
    expect(m.warnings.map((w) => [w.code, w.path])).toEqual([
      ['MPD_INVALID_ATTRIBUTE', 'Period[0]/AdaptationSet[0]/SegmentTemplate/SegmentTimeline/S[0]'],
    ]);
    expect(rows(m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex)).toEqual([
      ['1-0-1.m4s', 1, 1, 0, 1],
      ['1-0-2.m4s', 1, 2, 1, 1],
    ]);
    let caught: unknown;
    try {
      parseMpd(xml, { strict: true });
    } catch (error) {
      caught = error;
    }
    expect(isLegatoError(caught) && caught.message).toBe(
      '<S> k: expected a positive integer, received "0"',
    );
    const init = parseMpd(
      template('<S d="80000" k="2"/>').replace(
        'timescale="40000"',
        'timescale="40000" initialization="i$SubNumber$.mp4"',
      ),
    );
    expect(init.periods[0]!.adaptationSets[0]!.representations).toEqual([]);
    expect(init.warnings[0]!.message).toContain('no $Number$, $Time$ or $SubNumber$');
  });

  it('ignores @k in a SegmentList: one SegmentURL per S repetition', () => {
    const index = only(
      mpd(
        '<Period><AdaptationSet><Representation id="r" bandwidth="1"><SegmentList timescale="1"><SegmentTimeline><S d="4" r="1" k="2"/></SegmentTimeline><SegmentURL media="a"/><SegmentURL media="b"/></SegmentList></Representation></AdaptationSet></Period>',
      ),
    ).segmentIndex;
    expect(rows(index)).toEqual([
      ['a', 1, undefined, 0, 4],
      ['b', 2, undefined, 4, 4],
    ]);
  });
});

const entry = fc.record({
  d: fc.integer({ min: 1, max: 100_000 }),
  r: fc.integer({ min: 0, max: 5 }),
  k: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
});

test.prop([fc.array(entry, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 9 })], {
  numRuns: 100,
})(
  'sequence laws: parts tile each sequence, share its $Number$/$Time$, and number 1..k',
  (entries, startNumber) => {
    const timeline = entries
      .map((e) => `<S d="${e.d}"${e.r ? ` r="${e.r}"` : ''}${e.k === null ? '' : ` k="${e.k}"`}/>`)
      .join('');
    const xml = mpd(
      `<Period><AdaptationSet><SegmentTemplate timescale="1000" startNumber="${startNumber}" media="$Number$/$Time$/$SubNumber$"><SegmentTimeline>${timeline}</SegmentTimeline></SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="P100D"',
    );
    const index = only(xml).segmentIndex;
    expect(index.count).toBe(entries.reduce((n, e) => n + (e.r + 1) * (e.k ?? 1), 0));
    let i = 0;
    let number = startNumber;
    let timeUnits = 0;
    for (const e of entries) {
      for (let rep = 0; rep <= e.r; rep++) {
        const k = e.k ?? 1;
        for (let part = 1; part <= k; part++, i++) {
          const s = index.get(i);
          expect(s.number).toBe(number);
          expect(s.url).toBe(`${number}/${timeUnits}/${e.k === null ? 1 : part}`);
          expect(s.subNumber).toBe(e.k === null ? undefined : part);
          expect(s.startS).toBeCloseTo((timeUnits + ((part - 1) * e.d) / k) / 1000, 9);
          expect(s.durationS).toBeCloseTo(e.d / k / 1000, 9);
          expect(index.findByTime(s.startS + s.durationS / 2)).toBe(i);
        }
        number++;
        timeUnits += e.d;
      }
    }
  },
);

import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';

// Live $Number$ template: 2 s segments, AST 10:00:00, now = AST + 61 s (30 segments complete).
const AST = 'availabilityStartTime="2026-11-23T10:00:00Z"';
const nowMs = Date.UTC(2026, 10, 23, 10, 1, 1);
const live = (mpdBase: string, setBase: string, repBase: string, template = '') =>
  mpd(
    `${mpdBase}<Period start="PT0S"><AdaptationSet>${setBase}<SegmentTemplate timescale="1000" duration="2000" media="$Number$.m4s"${template}/>
    <Representation id="r" bandwidth="1">${repBase}</Representation></AdaptationSet></Period>`,
    `type="dynamic" ${AST}`,
  );
const lastNumber = (rep: ReturnType<typeof only>) =>
  rep.segmentIndex.get(rep.segmentIndex.count - 1).number;

describe('availabilityTimeOffset and availabilityTimeComplete across BaseURL and segment levels', () => {
  it('adds BaseURL offsets along the chain to the segment element’s, and lists segments that early', () => {
    const none = only(live('', '', ''), { nowMs });
    expect(none.availabilityTimeOffsetS).toBeUndefined();
    expect(none.availabilityTimeComplete).toBeUndefined();
    expect(lastNumber(none)).toBe(30); // ends at 60 s ≤ 61 s
    const rep = only(
      live(
        '<BaseURL availabilityTimeOffset="1.5">https://cdn.example/live/</BaseURL>',
        '<BaseURL availabilityTimeOffset="0.5">a/</BaseURL>',
        '<BaseURL>r/</BaseURL>',
        ' availabilityTimeOffset="2"',
      ),
      { nowMs },
    );
    // 2 (SegmentTemplate) + 1.5 (MPD BaseURL) + 0.5 (AdaptationSet BaseURL) + 0 (Representation)
    expect(rep.availabilityTimeOffsetS).toBe(4);
    // Available once its end − 4 s ≤ 61 s: the segment ending at 64 s (number 32) is listed.
    expect(lastNumber(rep)).toBe(32);
    expect(rep.segmentIndex.get(0).url).toBe('https://cdn.example/live/a/r/1.m4s');
    // A BaseURL offset alone moves the window too.
    const baseOnly = only(live('', '', '<BaseURL availabilityTimeOffset="2">r/</BaseURL>'), {
      nowMs,
    });
    expect([baseOnly.availabilityTimeOffsetS, lastNumber(baseOnly)]).toEqual([2, 31]);
  });

  it('INF anywhere makes every started segment available', () => {
    const rep = only(live('', '<BaseURL availabilityTimeOffset="INF">a/</BaseURL>', ''), {
      nowMs,
    });
    expect(rep.availabilityTimeOffsetS).toBe(Number.POSITIVE_INFINITY);
    expect(lastNumber(rep)).toBe(31); // the one that started at 60 s
  });

  it('availabilityTimeComplete: the segment element’s wins, else the innermost BaseURL’s', () => {
    const fromBase = only(
      live(
        '<BaseURL availabilityTimeComplete="true">https://a.example/</BaseURL>',
        '',
        '<BaseURL availabilityTimeOffset="1" availabilityTimeComplete="false">r/</BaseURL>',
      ),
      { nowMs },
    );
    expect(fromBase.availabilityTimeComplete).toBe(false);
    const fromSegment = only(
      live(
        '',
        '',
        '<BaseURL availabilityTimeComplete="false">r/</BaseURL>',
        ' availabilityTimeComplete="true"',
      ),
      { nowMs },
    );
    expect(fromSegment.availabilityTimeComplete).toBe(true);
  });

  it('uses the first BaseURL alternative’s chain; a malformed attribute is reported and ignored', () => {
    const m = parseMpd(
      live(
        '',
        '<BaseURL availabilityTimeOffset="soon">https://a.example/</BaseURL><BaseURL availabilityTimeOffset="3">https://b.example/</BaseURL>',
        '',
      ),
      { nowMs },
    );
    const rep = m.periods[0]!.adaptationSets[0]!.representations[0]!;
    expect(rep.baseUrls).toEqual(['https://a.example/', 'https://b.example/']);
    expect(rep.availabilityTimeOffsetS).toBeUndefined();
    expect(m.warnings.map((w) => [w.code, w.path])).toEqual([
      ['MPD_INVALID_ATTRIBUTE', 'Period[0]/AdaptationSet[0]/BaseURL[0]'],
    ]);
    expect(() =>
      parseMpd(live('', '<BaseURL availabilityTimeComplete="no">a/</BaseURL>', ''), {
        strict: true,
      }),
    ).toThrow(/availabilityTimeComplete: expected true or false, received "no"/);
  });

  it('extends an open-ended live timeline run by the offset', () => {
    const xml = (ato: string) =>
      mpd(
        `<Period start="PT0S"><AdaptationSet><BaseURL${ato}>a/</BaseURL><SegmentTemplate timescale="1000" media="$Time$.m4s"><SegmentTimeline><S t="0" d="2000" r="-1"/></SegmentTimeline></SegmentTemplate>
        <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
        'type="dynamic" availabilityStartTime="1970-01-01T00:00:10Z"',
      );
    // 9 s into the period: 4 complete segments; with a 3 s offset, 6 (the one ending at 12 s).
    expect(only(xml(''), { nowMs: 19_000 }).segmentIndex.count).toBe(4);
    expect(only(xml(' availabilityTimeOffset="3"'), { nowMs: 19_000 }).segmentIndex.count).toBe(6);
  });
});

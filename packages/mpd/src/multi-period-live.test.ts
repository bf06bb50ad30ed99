import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';
import { liveTimelineMpd } from './_test/mpd-generators.js';

describe('multi-period and live', () => {
  it('derives period starts and durations from @start, @duration and the next period', () => {
    const xml = mpd(
      `<Period id="a" duration="PT30S"><AdaptationSet><SegmentTemplate duration="10" media="a$Number$"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period>
      <Period id="b"><AdaptationSet><SegmentTemplate duration="10" media="b$Number$"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period>
      <Period id="c" start="PT50S"><AdaptationSet><SegmentTemplate duration="10" media="c$Number$"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="PT65S"',
    );
    const m = parseMpd(xml);
    expect(m.periods.map((p) => [p.id, p.startS, p.durationS])).toEqual([
      ['a', 0, 30],
      ['b', 30, 20],
      ['c', 50, 15],
    ]);
    const c = m.periods[2]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect(c.count).toBe(2);
    expect(c.get(0)).toMatchObject({ startS: 50, url: 'c1' });
    expect(c.get(1)).toMatchObject({ startS: 60, durationS: 5 });
    expect(c.findByTime(64)).toBe(1);
  });

  it('lists the live window of a $Number$ template at nowMs, within timeShiftBufferDepth', () => {
    const xml = mpd(
      `<Period start="PT0S"><AdaptationSet><SegmentTemplate timescale="1000" duration="2000" startNumber="1" media="$Number$.m4s"/>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="dynamic" availabilityStartTime="2026-11-23T10:00:00Z" timeShiftBufferDepth="PT30S" minimumUpdatePeriod="PT2S"',
    );
    const nowMs = Date.UTC(2026, 10, 23, 10, 1, 1); // 61 s after the start
    const m = parseMpd(xml, { nowMs });
    expect(m.type).toBe('dynamic');
    expect(m.availabilityStartTimeMs).toBe(Date.UTC(2026, 10, 23, 10, 0, 0));
    expect(m.minimumUpdatePeriodS).toBe(2);
    const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    // complete segments end at 60 s (30 of them); the window keeps those after 61 - 30 = 31 s
    expect(index.count).toBe(15);
    expect(index.get(0)).toMatchObject({ number: 16, startS: 30 });
    expect(index.get(14)).toMatchObject({ number: 30, startS: 58 });
    expect(index.findByTime(58.5)).toBe(14);
    expect(
      parseMpd(xml).periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex.count,
    ).toBe(0);
  });

  it('extends a live r="-1" timeline run up to nowMs', () => {
    const xml = mpd(
      `<Period start="PT10S"><AdaptationSet><SegmentTemplate timescale="10" media="$Time$">
      <SegmentTimeline><S t="0" d="20" r="-1"/></SegmentTimeline></SegmentTemplate>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="dynamic" availabilityStartTime="1970-01-01T00:00:00Z"',
    );
    const index = only(xml, { nowMs: 19_000 }).segmentIndex; // 9 s into the period: 4 complete 2 s segments
    expect(index.count).toBe(4);
    expect(index.get(3)).toMatchObject({ startS: 16, url: '60' });
    expect(only(xml).segmentIndex.count).toBe(1);
  });
});

describe('generated live SegmentTimeline manifest', () => {
  it('parses every S run of every representation, irregular durations included', () => {
    const xml = liveTimelineMpd(6000);
    const m = parseMpd(xml, { nowMs: Date.parse('2026-01-01T06:00:00Z') });
    expect(m).toMatchObject({
      type: 'dynamic',
      timeShiftBufferDepthS: 21600,
      minimumUpdatePeriodS: 2,
    });
    const sEntries = (xml.match(/<S /g) ?? []).length;
    const repeats = (xml.match(/ r="1"/g) ?? []).length;
    const reps = m.periods[0]!.adaptationSets[0]!.representations;
    expect(reps.map((r) => r.id)).toEqual(['opus-64', 'opus-128', 'opus-320']);
    expect(reps.reduce((n, r) => n + r.segmentIndex.count, 0)).toBe(sEntries + repeats);
    const index = reps[1]!.segmentIndex;
    expect(index.initialization).toEqual({ url: 'opus-128/init.mp4', range: null });
    expect(index.get(0)).toMatchObject({ number: 1, startS: 0, url: 'opus-128/0.m4s' });
    const second = index.get(1);
    expect(second.url).toBe(`opus-128/${Math.round(second.startS * 48000)}.m4s`);
  });
});

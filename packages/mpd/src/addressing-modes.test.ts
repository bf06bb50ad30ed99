import { hasErrorCode } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';
import { writeTestSidx } from './_test/sidx.js';

describe('SegmentTemplate without timeline', () => {
  const xml =
    mpd(`<BaseURL>https://cdn.example/a/</BaseURL><Period><AdaptationSet mimeType="audio/mp4" codecs="opus">
    <SegmentTemplate timescale="48000" duration="192000" startNumber="5" presentationTimeOffset="96000"
      media="$RepresentationID$/seg-$Number%05d$-$Bandwidth$.m4s" initialization="$RepresentationID$/init.mp4"/>
    <Representation id="opus128" bandwidth="128000"/></AdaptationSet></Period>`);

  it('expands $RepresentationID$, $Number%05d$, $Bandwidth$ and counts segments to the period end', () => {
    const rep = only(xml);
    const index = rep.segmentIndex;
    expect(index.addressing).toBe('SegmentTemplate');
    expect(rep.codecs).toBe('opus');
    expect(index.count).toBe(5); // 20 s / 4 s
    expect(index.initialization).toEqual({
      url: 'https://cdn.example/a/opus128/init.mp4',
      range: null,
    });
    expect(index.get(0)).toMatchObject({
      number: 5,
      startS: 0,
      durationS: 4,
      url: 'https://cdn.example/a/opus128/seg-00005-128000.m4s',
      range: null,
    });
    expect(index.get(4)).toMatchObject({ number: 9, startS: 16, durationS: 4 });
    expect(index.findByTime(8)).toBe(2);
    expect(index.findByTime(20)).toBe(-1);
  });

  it('cuts the last segment at the period end', () => {
    const index = only(
      mpd(
        `<Period duration="PT10S"><AdaptationSet><SegmentTemplate duration="4" media="$Number$.m4s"/>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
        'type="static"',
      ),
    ).segmentIndex;
    expect(index.count).toBe(3);
    expect(index.get(2)).toMatchObject({ startS: 8, durationS: 2, url: '3.m4s' });
  });

  it('rejects unknown template identifiers', () => {
    const bad = mpd(`<Period><AdaptationSet><SegmentTemplate duration="4" media="$Nmber$.m4s"/>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`);
    expect(() => parseMpd(bad, { strict: true })).toThrow(
      /<SegmentTemplate> media: expected identifiers/,
    );
    // Lenient: the representation is dropped and the reason reported where it happened.
    const lenient = parseMpd(bad);
    expect(lenient.periods[0]!.adaptationSets[0]!.representations).toEqual([]);
    expect(lenient.warnings).toEqual([
      expect.objectContaining({
        code: 'MPD_INVALID_ATTRIBUTE',
        path: 'Period[0]/AdaptationSet[0]/Representation[0]',
        action: 'dropped',
      }),
    ]);
    for (const media of [
      '$Number%05x$',
      '$RepresentationID%02d$',
      '$SubNumber%02x$',
      'a$b$Number$',
      '$Time',
    ]) {
      const xml = bad.replace('$Nmber$.m4s', () => media);
      expect(() => parseMpd(xml, { strict: true }), media).toThrow(
        expect.objectContaining({ code: 'MPD_INVALID_ATTRIBUTE' }),
      );
    }
    const ok = only(bad.replace('$Nmber$.m4s', () => '$$$Number%03d$$$-$Bandwidth%06d$'));
    expect(ok.segmentIndex.get(0).url).toBe('$001$-000001');
  });
});

describe('SegmentTemplate with SegmentTimeline', () => {
  it('repeats S runs, follows implicit t, resolves r="-1" to the next S@t and expands $Time$', () => {
    const xml = mpd(
      `<Period><AdaptationSet><SegmentTemplate timescale="1000" presentationTimeOffset="1000" media="t/$Time$.m4s">
      <SegmentTimeline><S t="1000" d="2000" r="2"/><S d="1000"/><S d="500" r="-1"/><S t="10000" d="2000" r="-1"/></SegmentTimeline>
      </SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="PT13S"',
    );
    const index = only(xml).segmentIndex;
    // 3 × 2 s, 1 × 1 s, (10000 - 8000) / 500 = 4 × 0.5 s, then 2 s runs until 13 s + 1 s (pto) = 14000 → 2
    expect(index.addressing).toBe('SegmentTimeline');
    expect(index.count).toBe(3 + 1 + 4 + 2);
    const starts = Array.from({ length: index.count }, (_, i) => index.get(i).startS);
    expect(starts).toEqual([0, 2, 4, 6, 7, 7.5, 8, 8.5, 9, 11]);
    expect(index.get(0).url).toBe('t/1000.m4s');
    expect(index.get(4)).toMatchObject({ url: 't/8000.m4s', durationS: 0.5, number: 5 });
    expect(index.get(9).url).toBe('t/12000.m4s');
    expect(index.findByTime(7.9)).toBe(5);
  });

  it('keeps O(1) memory for r="1000000000" and still answers any position', () => {
    const xml = mpd(
      `<Period><AdaptationSet><SegmentTemplate timescale="48000" media="$Number$.m4s">
      <SegmentTimeline><S t="0" d="96000" r="999999999"/></SegmentTimeline></SegmentTemplate>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="dynamic"',
    );
    const index = only(xml).segmentIndex;
    expect(index.count).toBe(1_000_000_000);
    expect(index.get(999_999_999)).toMatchObject({
      number: 1_000_000_000,
      startS: 1_999_999_998,
      durationS: 2,
    });
    expect(index.findByTime(1_000_000_001)).toBe(500_000_000);
  });

  it('cuts a run that an S@t overlaps (strict: MPD_TIMELINE_OVERLAP)', () => {
    const xml = mpd(`<Period><AdaptationSet><SegmentTemplate media="$Time$"><SegmentTimeline>
      <S t="10" d="5"/><S t="12" d="5"/></SegmentTimeline></SegmentTemplate>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`);
    expect(() => parseMpd(xml, { strict: true })).toThrow(
      expect.objectContaining({
        code: 'MPD_TIMELINE_OVERLAP',
        message:
          '<S> t: expected a time >= the end of the previous segments (15 after the PTO), received 12',
      }),
    );
    const m = parseMpd(xml);
    const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect([index.get(0).url, index.get(0).startS, index.get(0).durationS]).toEqual(['10', 10, 2]);
    expect([index.get(1).url, index.get(1).startS, index.get(1).durationS]).toEqual(['12', 12, 5]);
    expect(m.warnings).toEqual([
      {
        code: 'MPD_TIMELINE_OVERLAP',
        path: 'Period[0]/AdaptationSet[0]/Representation[0]/SegmentTemplate/SegmentTimeline/S[1]',
        message: expect.stringMatching(/; the previous segment is cut at this S@t$/),
        action: 'repaired',
      },
    ]);
  });
});

describe('SegmentBase with a sidx', () => {
  const xml = mpd(
    `<Period><AdaptationSet><Representation id="flac" bandwidth="900000">
    <BaseURL>https://cdn.example/t.mp4</BaseURL>
    <SegmentBase indexRange="1000-1067" timescale="44100" presentationTimeOffset="0"/></Representation></AdaptationSet></Period>`,
    'type="static" mediaPresentationDuration="PT25S"',
  );

  it('is empty until withSidx, then lists the sidx references as byte ranges', () => {
    const index = only(xml).segmentIndex;
    expect(index.addressing).toBe('SegmentBase');
    expect(index.count).toBe(0);
    expect(index.indexRange).toEqual({ start: 1000, end: 1067 });
    expect(index.initialization).toEqual({
      url: 'https://cdn.example/t.mp4',
      range: { start: 0, end: 999 },
    });
    const sidx = writeTestSidx(44100, 0, 0, [
      { size: 5000, duration: 441000 },
      { size: 6000, duration: 441000 },
      { size: 3000, duration: 220500 },
    ]);
    expect(sidx.length).toBe(68); // 12-byte full box header + 20 + 3 × 12
    const full = index.withSidx(sidx);
    expect(full.count).toBe(3);
    expect(full.get(0)).toMatchObject({
      startS: 0,
      durationS: 10,
      range: { start: 1068, end: 6067 },
    });
    expect(full.get(1)).toMatchObject({ startS: 10, range: { start: 6068, end: 12067 } });
    expect(full.get(2)).toMatchObject({
      startS: 20,
      durationS: 5,
      range: { start: 12068, end: 15067 },
    });
    expect(full.findByTime(24.9)).toBe(2);
    expect(full.initialization).toBe(index.initialization);
  });

  it('rejects a hierarchical or malformed sidx with MPD_SIDX_INVALID', () => {
    const index = only(xml).segmentIndex;
    const nested = writeTestSidx(44100, 0, 0, [{ size: 10, duration: 1, type: 1 }]);
    expect(() => index.withSidx(nested)).toThrow(/hierarchical/);
    let caught: unknown;
    try {
      index.withSidx(new Uint8Array([0, 0, 0, 40, 0x73, 0x69, 0x64, 0x78]));
    } catch (e) {
      caught = e;
    }
    expect(hasErrorCode(caught, 'MPD_SIDX_INVALID')).toBe(true);
  });
});

describe('inheritance and BaseURL resolution', () => {
  it('inherits SegmentTemplate attributes Period → AdaptationSet → Representation, child wins', () => {
    const xml = mpd(`<Period><SegmentTemplate timescale="1000" duration="2000" media="p/$Number$"/>
      <AdaptationSet><SegmentTemplate media="a/$Number$" startNumber="0"/>
      <Representation id="r1" bandwidth="1"/>
      <Representation id="r2" bandwidth="1"><SegmentTemplate duration="4000"/></Representation>
      <Representation id="r3" bandwidth="1"><SegmentList duration="5"><SegmentURL media="x.mp4"/><SegmentURL media="y.mp4"/></SegmentList></Representation>
      </AdaptationSet></Period>`);
    const reps = parseMpd(xml).periods[0]!.adaptationSets[0]!.representations;
    expect(reps[0]!.segmentIndex.get(1)).toMatchObject({ url: 'a/1', startS: 2, number: 1 });
    expect(reps[0]!.segmentIndex.count).toBe(10);
    expect(reps[1]!.segmentIndex.count).toBe(5);
    expect(reps[1]!.segmentIndex.get(0).url).toBe('a/0');
    expect(reps[2]!.segmentIndex.addressing).toBe('SegmentList');
    expect(reps[2]!.segmentIndex.get(1)).toMatchObject({
      url: 'y.mp4',
      startS: 5,
      durationS: 5,
      range: null,
    });
  });

  it('resolves BaseURLs per RFC 3986 through every level, keeping alternatives in order', () => {
    const xml =
      mpd(`<BaseURL>https://a.example/root/</BaseURL><BaseURL>https://b.example/root/</BaseURL>
      <Period><BaseURL>p1/</BaseURL><AdaptationSet><BaseURL>../audio/</BaseURL>
      <Representation id="r" bandwidth="1"><BaseURL>./track.mp4?token=x</BaseURL>
      <SegmentList duration="10"><SegmentURL mediaRange="0-99"/></SegmentList></Representation></AdaptationSet></Period>`);
    const m = parseMpd(xml, { baseUrl: 'https://origin.example/manifests/x.mpd' });
    expect(m.baseUrls).toEqual(['https://a.example/root/', 'https://b.example/root/']);
    const rep = m.periods[0]!.adaptationSets[0]!.representations[0]!;
    expect(rep.baseUrls).toEqual([
      'https://a.example/root/audio/track.mp4?token=x',
      'https://b.example/root/audio/track.mp4?token=x',
    ]);
    expect(rep.segmentIndex.get(0).urls).toEqual(rep.baseUrls);
  });

  it('resolves relative BaseURLs against the document URL, and keeps them relative without one', () => {
    const xml =
      mpd(`<Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>media/a.mp4</BaseURL>
      <SegmentBase indexRange="10-20"/></Representation></AdaptationSet></Period>`);
    expect(only(xml, { baseUrl: 'https://o.example/x/y.mpd' }).baseUrls).toEqual([
      'https://o.example/x/media/a.mp4',
    ]);
    expect(only(xml).baseUrls).toEqual(['media/a.mp4']);
  });

  it('treats a Representation without segment information as one segment (the BaseURL)', () => {
    const index = only(
      mpd(`<Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>whole.mp4</BaseURL>
      </Representation></AdaptationSet></Period>`),
    ).segmentIndex;
    expect(index.addressing).toBe('SingleSegment');
    expect(index.count).toBe(1);
    expect(index.get(0)).toMatchObject({ url: 'whole.mp4', startS: 0, durationS: 20, range: null });
  });
});

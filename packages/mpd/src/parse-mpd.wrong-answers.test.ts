import { isLegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';
import { writeTestSidx } from './_test/sidx.js';

// Each case below was a silent wrong answer (issue 14); ISO/IEC 23009-1 sections cited.

describe('the wrong answers of issue 14, pinned', () => {
  it('the first S without @t starts at 0 of the timeline, not at presentationTimeOffset (§5.3.9.6)', () => {
    const rep = only(
      mpd(`<Period><AdaptationSet><SegmentTemplate timescale="1000" presentationTimeOffset="1000" media="$Time$.m4s">
        <SegmentTimeline><S d="2000" r="1"/></SegmentTimeline></SegmentTemplate>
        <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`),
    );
    const index = rep.segmentIndex;
    expect(index.count).toBe(2);
    // Media time 0 is 1 s before the period start (PTO = 1 s).
    expect(index.get(0)).toMatchObject({ url: '0.m4s', startS: -1, durationS: 2 });
    expect(index.get(1)).toMatchObject({ url: '2000.m4s', startS: 1, durationS: 2 });
  });

  it('SegmentBase without indexRange is one segment: the whole resource over the period (§5.3.9.2)', () => {
    const rep = only(
      mpd(`<Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a.mp4</BaseURL>
        <SegmentBase><Initialization range="0-99"/></SegmentBase></Representation></AdaptationSet></Period>`),
    );
    const index = rep.segmentIndex;
    expect(index.addressing).toBe('SingleSegment');
    expect(index.count).toBe(1);
    expect(index.get(0)).toEqual({
      number: 1,
      startS: 0,
      durationS: 20,
      url: 'https://cdn.example/a.mp4',
      urls: ['https://cdn.example/a.mp4'],
      range: null,
    });
    expect(index.initialization).toEqual({
      url: 'https://cdn.example/a.mp4',
      range: { start: 0, end: 99 },
    });
    expect(index.findByTime(19.99)).toBe(0);
  });

  it('RepresentationIndex is honoured: the sidx is loaded from there (§5.3.9.2.2)', () => {
    const rep = only(
      mpd(`<Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a.mp4</BaseURL>
        <SegmentBase timescale="1000"><Initialization range="0-99"/><RepresentationIndex sourceURL="a.sidx"/></SegmentBase>
        </Representation></AdaptationSet></Period>`),
    );
    const index = rep.segmentIndex;
    expect(index.count).toBe(0);
    expect(index.indexRange).toBeNull();
    expect(index.index).toEqual({ url: 'https://cdn.example/a.sidx', range: null });
    // A separate index segment: offsets count from byte 0 of the media resource.
    const full = index.withSidx(
      writeTestSidx(1000, 0, 100, [
        { size: 500, duration: 10_000 },
        { size: 400, duration: 10_000 },
      ]),
    );
    expect(full.count).toBe(2);
    expect(full.get(0)).toMatchObject({
      url: 'https://cdn.example/a.mp4',
      range: { start: 100, end: 599 },
    });
    expect(full.get(1)).toMatchObject({
      startS: 10,
      durationS: 10,
      range: { start: 600, end: 999 },
    });
  });

  it('a timeline segment that runs past the period end is cut there (§5.3.9.6)', () => {
    const index = only(
      mpd(
        `<Period><AdaptationSet><SegmentTemplate timescale="1000" media="$Number$.m4s">
        <SegmentTimeline><S t="0" d="2000" r="4"/></SegmentTimeline></SegmentTemplate>
        <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
        'type="static" mediaPresentationDuration="PT5S"',
      ),
    ).segmentIndex;
    expect(index.count).toBe(3); // starts 0, 2, 4 are inside the 5 s period; 6 and 8 are not
    expect(index.get(2)).toMatchObject({ startS: 4, durationS: 1 });
    expect(index.findByTime(4.99)).toBe(2);
    expect(index.findByTime(5)).toBe(-1);
  });

  it('dashif:Laurl is found under xmlns:dashif="https://dashif.org/" as under …/CPS', () => {
    for (const ns of ['https://dashif.org/', 'https://dashif.org/CPS']) {
      const rep = only(
        mpd(`<Period><AdaptationSet><ContentProtection schemeIdUri="urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e" xmlns:dashif="${ns}">
          <dashif:Laurl>https://lic.example/ck</dashif:Laurl></ContentProtection>
          <Representation id="r" bandwidth="1"><SegmentList duration="1"><SegmentURL media="a"/></SegmentList></Representation></AdaptationSet></Period>`),
      );
      expect(rep.contentProtection[0]!.licenseUrl).toBe('https://lic.example/ck');
    }
  });

  it('a Period with xlink:href is reported, not a silent empty Period', () => {
    const xml = mpd(
      '<Period xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://x.example/p.xml" xlink:actuate="onLoad"/>',
    );
    const m = parseMpd(xml);
    expect(m.warnings).toEqual([
      expect.objectContaining({ code: 'MPD_XLINK_UNRESOLVED', path: 'Period[0]' }),
    ]);
    expect(() => parseMpd(xml, { strict: true })).toThrow(
      expect.objectContaining({ code: 'MPD_XLINK_UNRESOLVED' }),
    );
  });

  it('an index of more than 2^53 segments is capped there, get(count − 1) and findByTime exact', () => {
    const xml = mpd(
      `<Period><AdaptationSet><SegmentTemplate timescale="1" duration="1" media="$Number$.m4s"/>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="P1000000000Y"',
    );
    expect(() => parseMpd(xml, { strict: true })).toThrow(
      expect.objectContaining({ code: 'MPD_TOO_MANY_SEGMENTS' }),
    );
    const m = parseMpd(xml);
    expect(m.warnings.map((w) => w.code)).toEqual(['MPD_TOO_MANY_SEGMENTS']);
    const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect(index.count).toBe(Number.MAX_SAFE_INTEGER);
    const last = index.get(index.count - 1);
    expect(last.url).toBe(`${Number.MAX_SAFE_INTEGER}.m4s`);
    expect(last.startS).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(index.findByTime(last.startS)).toBe(index.count - 1);
    expect(index.findByTime(last.startS + 0.5)).toBe(index.count - 1);
    expect(index.findByTime(2 ** 52 + 0.5)).toBe(2 ** 52);
    expect(index.findByTime(1e300)).toBe(-1);
  });

  it('S@t and presentationTimeOffset above 2^53 give exact $Time$ URLs and exact starts', () => {
    // A 10 MHz epoch-based live timeline: 1.8e16 ticks ≈ 57 years after 1970.
    const t0 = 18_000_000_000_000_001n;
    const xml = mpd(
      `<Period><AdaptationSet><SegmentTemplate timescale="10000000" presentationTimeOffset="${t0 - 10_000_000n}" media="$Time$.m4s">
      <SegmentTimeline><S t="${t0}" d="20000000" r="2"/><S d="19999999"/></SegmentTimeline></SegmentTemplate>
      <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="PT10S"',
    );
    const index = only(xml).segmentIndex;
    expect(index.count).toBe(4);
    expect(index.get(0)).toMatchObject({ url: `${t0}.m4s`, startS: 1, durationS: 2 });
    expect(index.get(2)).toMatchObject({ url: `${t0 + 40_000_000n}.m4s`, startS: 5 });
    expect(index.get(3)).toMatchObject({
      url: `${t0 + 60_000_000n}.m4s`,
      startS: 7,
      durationS: 1.9999999,
    });
    // Without a PTO the starts are ~1.8e9 s: kept to the nearest double (≈ 2.4e-7 s).
    const noPto = only(
      xml.replace(/presentationTimeOffset="\d+"/, '').replace('PT10S', 'P100Y'),
    ).segmentIndex;
    expect(noPto.get(1).url).toBe(`${t0 + 20_000_000n}.m4s`);
    expect(noPto.get(1).startS).toBeCloseTo(1_800_000_002, 5);
  });

  it('a 10 MB MPD of 1,000,001 S elements is read without a DOM node per S: refused by the cap, or parsed', () => {
    const xml = mpd(
      `<Period><AdaptationSet><SegmentTemplate media="$Number$"><SegmentTimeline>${'<S d="1"/>'.repeat(1_000_001)}</SegmentTimeline></SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="PT2000000S"',
    );
    expect(xml.length).toBeGreaterThan(10_000_000);
    let caught: unknown;
    try {
      parseMpd(xml);
    } catch (error) {
      caught = error;
    }
    expect(isLegatoError(caught) && caught.code).toBe('MPD_TOO_LARGE');
    expect((caught as { details: unknown }).details).toEqual({
      element: 'SegmentTimeline',
      maxTimelineEntries: 1_000_000,
    });
    const index = only(xml, { caps: { maxTimelineEntries: 2_000_000 } }).segmentIndex;
    expect(index.count).toBe(1_000_001);
    expect(index.get(1_000_000)).toMatchObject({ url: '1000001', startS: 1_000_000, durationS: 1 });
  });

  it('one malformed default_KID repairs that descriptor only; the manifest survives', () => {
    const m = parseMpd(
      mpd(`<Period><AdaptationSet xmlns:cenc="urn:mpeg:cenc:2013"><ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="not-a-kid"/>
        <Representation id="a" bandwidth="1"><SegmentList duration="1"><SegmentURL media="a"/></SegmentList></Representation></AdaptationSet>
        <AdaptationSet xmlns:cenc="urn:mpeg:cenc:2013"><ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="00112233-4455-6677-8899-aabbccddeeff"/>
        <Representation id="b" bandwidth="1"><SegmentList duration="1"><SegmentURL media="b"/></SegmentList></Representation></AdaptationSet></Period>`),
    );
    const [a, b] = m.periods[0]!.adaptationSets;
    expect(a!.contentProtection[0]!.defaultKid).toBeNull();
    expect(b!.contentProtection[0]!.defaultKid).toBe('00112233445566778899aabbccddeeff');
    expect(m.warnings).toEqual([
      expect.objectContaining({
        code: 'MPD_INVALID_ATTRIBUTE',
        path: 'Period[0]/AdaptationSet[0]/ContentProtection[0]',
        action: 'repaired',
      }),
    ]);
  });

  it('an undeclared prefix is declared and the document read again, with a warning', () => {
    const xml = mpd(
      '<Period><AdaptationSet><yt:Thing a="1"/><Representation id="r" bandwidth="1" yt:x="2"><SegmentList duration="1"><SegmentURL media="a"/></SegmentList></Representation></AdaptationSet></Period>',
    );
    const m = parseMpd(xml);
    expect(m.periods[0]!.adaptationSets[0]!.representations[0]!.id).toBe('r');
    expect(m.warnings).toEqual([
      expect.objectContaining({ code: 'MPD_UNDECLARED_PREFIX', path: 'MPD', action: 'repaired' }),
    ]);
    expect(() => parseMpd(xml, { strict: true })).toThrow(
      expect.objectContaining({ code: 'MPD_UNDECLARED_PREFIX' }),
    );
  });
});

describe('SegmentTemplate@index (§5.3.9.4.2)', () => {
  it('without @duration or a timeline: one media resource indexed by the sidx at @index', () => {
    const index = only(
      mpd(`<Period><AdaptationSet><SegmentTemplate timescale="1000" media="$RepresentationID$.mp4" index="$RepresentationID$.sidx" initialization="$RepresentationID$-init.mp4"/>
        <Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a/</BaseURL></Representation></AdaptationSet></Period>`),
    ).segmentIndex;
    expect(index.count).toBe(0);
    expect(index.index).toEqual({ url: 'https://cdn.example/a/r.sidx', range: null });
    expect(index.initialization).toEqual({ url: 'https://cdn.example/a/r-init.mp4', range: null });
    const full = index.withSidx(writeTestSidx(1000, 0, 0, [{ size: 800, duration: 20_000 }]));
    expect(full.get(0)).toMatchObject({
      url: 'https://cdn.example/a/r.mp4',
      range: { start: 0, end: 799 },
      durationS: 20,
    });
  });

  it('with @duration: the segments come from the template, @index is exposed', () => {
    const index = only(
      mpd(`<Period><AdaptationSet><SegmentTemplate duration="5" media="$Number$.m4s" index="i.sidx"/>
        <Representation id="r" bandwidth="1"/></AdaptationSet></Period>`),
    ).segmentIndex;
    expect(index.count).toBe(4);
    expect(index.index).toEqual({ url: 'i.sidx', range: null });
  });
});

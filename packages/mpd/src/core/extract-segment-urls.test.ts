import { fc, test } from '@fast-check/vitest';
import { isLegatoError, type LegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { extractBodies } from './extract-bodies.js';
import { segmentUrlBodies } from './extract-segment-urls.js';

const extractSegmentUrls = (xml: string) => extractBodies(xml, segmentUrlBodies(1e6));

const doc = (run: string, tail = '') =>
  `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT100000S">
  <Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a/</BaseURL>
    <SegmentList timescale="1000" duration="2000"><Initialization sourceURL="init.mp4"/>
      ${run}
    </SegmentList></Representation></AdaptationSet></Period>${tail}
</MPD>`;

const segmentUrl = fc.record({
  media: fc.option(
    fc.constantFrom('s.m4s', 'a?x=1&amp;y=2', 'q&#38;r&#x41;', '&lt;&gt;&quot;&apos;', 'sp ace'),
    { nil: undefined },
  ),
  size: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  quote: fc.constantFrom('"', "'"),
});

function indexOf(xml: string) {
  const m = parseMpd(xml);
  const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
  const all = Array.from({ length: index.count }, (_, i) => index.get(i));
  return { count: index.count, all, warnings: m.warnings.map((w) => [w.code, w.path]) };
}

function failure(xml: string, options: Parameters<typeof parseMpd>[1] = {}): LegatoError<string> {
  try {
    parseMpd(xml, options);
  } catch (error) {
    if (isLegatoError(error)) return error;
    throw error;
  }
  throw new Error('expected parseMpd to throw');
}

describe('SegmentURL runs read without DOM nodes', () => {
  test.prop([fc.array(segmentUrl, { minLength: 1, maxLength: 300 })], { numRuns: 40 })(
    'give the same index and warnings as the DOM path',
    (entries) => {
      let offset = 0;
      const run = entries
        .map((e) => {
          const q = e.quote;
          const media = e.media === undefined ? '' : ` media=${q}${e.media}${q}`;
          let range = '';
          if (e.size !== undefined) {
            range = ` mediaRange=${q}${offset}-${offset + e.size - 1}${q}`;
            offset += e.size;
          }
          return `<SegmentURL${media}${range}/>`;
        })
        .join('\n      ');
      // A comment in the run (not before it: the run starts at the first SegmentURL) sends the
      // same list through the DOM path.
      const dom = doc(`${run}<!-- dom -->`);
      expect(extractSegmentUrls(dom)).toBeNull();
      expect(extractSegmentUrls(doc(run))?.values[0]?.rangeStart.length).toBe(entries.length);
      expect(indexOf(doc(run))).toEqual(indexOf(dom));
    },
  );

  it('parses a 100,000-entry SegmentList with the default caps (3 DOM nodes each before)', () => {
    const run = Array.from(
      { length: 100_000 },
      (_, i) => `<SegmentURL media="s${i}.m4s" mediaRange="${i * 1000}-${i * 1000 + 999}"/>`,
    ).join('');
    const { count, all } = (() => {
      const xml = doc(run).replace('PT100000S', 'P10D');
      const index = parseMpd(xml).periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
      return { count: index.count, all: [index.get(0), index.get(99_999)] };
    })();
    expect(count).toBe(100_000);
    expect(all[1]).toMatchObject({
      number: 100_000,
      startS: 199_998,
      url: 'https://cdn.example/a/s99999.m4s',
      range: { start: 99_999_000, end: 99_999_999 },
    });
  });

  it('caps SegmentURLs per list on both paths (caps.maxSegmentUrls)', () => {
    const run = Array.from({ length: 200 }, (_, i) => `<SegmentURL media="s${i}.m4s"/>`).join('');
    for (const xml of [doc(run), doc(`${run}<!-- dom -->`)]) {
      expect(failure(xml, { caps: { maxSegmentUrls: 199 } })).toMatchObject({
        code: 'MPD_TOO_LARGE',
        message: '<SegmentList>: expected at most 199 SegmentURL elements, received more',
      });
    }
  });

  it('leaves error positions after the run where they were', () => {
    const entry = (sep: string) =>
      Array.from({ length: 100 }, (_, i) => `<SegmentURL media="a${sep}${i}"/>`).join('\n');
    // Same text length: a tab in a value sends the run through the DOM path.
    const broken = '<Period><x y="1" y="2"/></Period>';
    const fast = failure(doc(entry(' '), broken));
    const dom = failure(doc(entry('\t'), broken));
    expect(fast.code).toBe('MPD_XML_MALFORMED');
    expect(fast.details!.line).toBe(105);
    expect(fast.details).toMatchObject({ line: dom.details!.line, column: dom.details!.column });
  });

  it('leaves unusual runs to the DOM path, which reads or reports them', () => {
    const run = Array.from({ length: 100 }, (_, i) => `<SegmentURL media="s${i}.m4s"/>`).join('');
    // A spaced range is read (the DOM path trims it); a malformed one drops the Representation.
    const spaced = indexOf(doc(`${run}<SegmentURL media="x" mediaRange=" 5-9 "/>`));
    expect(spaced.all.at(-1)!.range).toEqual({ start: 5, end: 9 });
    const bad = parseMpd(doc(`${run}<SegmentURL media="x" mediaRange="9-5"/>`));
    expect(bad.warnings.map((w) => w.code)).toEqual(['MPD_INVALID_ATTRIBUTE']);
    // Another attribute, or the marker spelled in the document: the DOM path, same answer.
    expect(indexOf(doc(`${run}<SegmentURL media="y" foo="1"/>`)).count).toBe(101);
    expect(indexOf(doc(`${run}<SegmentURL media="legato-segment-urls"/>`)).count).toBe(101);
  });
});

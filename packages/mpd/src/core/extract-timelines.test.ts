import { fc, test } from '@fast-check/vitest';
import { isLegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';

const doc = (body: string) =>
  `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT100000S">
  <Period><AdaptationSet><SegmentTemplate timescale="1000" presentationTimeOffset="5" media="$Time$-$Number$.m4s">
    <SegmentTimeline>${body}</SegmentTimeline>
  </SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period>
</MPD>`;

const sElement = fc.record({
  t: fc.option(fc.nat({ max: 2_000_000 }), { nil: undefined }),
  d: fc.integer({ min: 1, max: 5000 }),
  r: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
});

function indexOf(xml: string) {
  const m = parseMpd(xml);
  const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
  const all = Array.from({ length: Math.min(index.count, 400) }, (_, i) => index.get(i));
  return { count: index.count, all, warnings: m.warnings.map((w) => [w.code, w.path]) };
}

describe('long SegmentTimelines read without a DOM node per S', () => {
  test.prop([fc.array(sElement, { minLength: 150, maxLength: 400 })], { numRuns: 40 })(
    'give the same index and warnings as the DOM path',
    (ss) => {
      const body = ss
        .map(
          (s) =>
            `<S${s.t === undefined ? '' : ` t="${s.t}"`} d="${s.d}"${s.r === undefined ? '' : ` r="${s.r}"`}/>`,
        )
        .join('\n      ');
      // A comment in the body sends the same timeline through the DOM path.
      expect(indexOf(doc(body))).toEqual(indexOf(doc(`<!-- dom -->${body}`)));
    },
  );

  it('keeps the line and column of an error after the timeline', () => {
    const body = '<S d="1"/>\n'.repeat(500);
    const broken = (b: string) => `${doc(b)}\n  <oops>`;
    const at = (xml: string) => {
      try {
        parseMpd(xml);
      } catch (error) {
        if (isLegatoError(error)) return error.details;
      }
      return null;
    };
    const fast = at(broken(body));
    expect((fast as { line: number }).line).toBeGreaterThan(500);
    expect(fast).toEqual(at(broken(`<!-- dom -->${body}`)));
  });

  it('leaves unusual bodies to the DOM path, which reports their defects', () => {
    const body = `${'<S d="1"/>'.repeat(300)}<S d="0"/>`;
    const m = parseMpd(doc(body));
    expect(m.warnings).toEqual([
      expect.objectContaining({
        code: 'MPD_INVALID_ATTRIBUTE',
        path: 'Period[0]/AdaptationSet[0]/SegmentTemplate/SegmentTimeline/S[300]',
      }),
    ]);
    // The marker attribute cannot be forged: a document that contains it is read by the DOM only.
    const forged = doc('<S d="7"/>').replace(
      '<SegmentTimeline>',
      '<SegmentTimeline legato-timeline="0">',
    );
    expect(indexOf(forged).all[0]).toMatchObject({ durationS: 0.007 });
  });
});

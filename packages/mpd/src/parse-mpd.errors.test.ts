import { isLegatoError, type LegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { NS } from './_test/inline-mpd.js';

/** The error `parseMpd` throws in strict mode (the lenient default reports most as warnings). */
function failure(xml: string, options: Parameters<typeof parseMpd>[1] = {}): LegatoError<string> {
  try {
    parseMpd(xml, { strict: true, ...options });
  } catch (error) {
    if (isLegatoError(error)) return error;
    throw error;
  }
  throw new Error('expected parseMpd to throw');
}

const rep = (attrs: string, inner = '') =>
  `<MPD ${NS}><Period><AdaptationSet><Representation ${attrs}>${inner}</Representation></AdaptationSet></Period></MPD>`;

describe('parseMpd errors', () => {
  it('MPD_XML_MALFORMED for broken XML, with query strings redacted from the message', () => {
    const e = failure('<MPD><Period></MPD>');
    expect(e.code).toBe('MPD_XML_MALFORMED');
    expect(e.message).toBe(
      'expected well-formed XML at line 1, column 6: Opening and ending tag mismatch: "Period" != "MPD"',
    );
    expect(e.details).toMatchObject({ line: 1, column: 6 });
    expect(failure('').code).toBe('MPD_XML_MALFORMED');
    const leaky = failure('<MPD a="https://x.example/p?token=SECRET" a="1"/>');
    expect(leaky.code).toBe('MPD_XML_MALFORMED');
    expect(leaky.message).not.toContain('SECRET');
  });

  it('MPD_TOO_LARGE, with position and remedy, for a comment longer than xmldom can read', () => {
    const long = 4_194_305;
    const e = failure(`<MPD ${NS}>\n  <!--${'x'.repeat(long)}-->\n</MPD>`);
    expect(e.code).toBe('MPD_TOO_LARGE');
    expect(e.message).toBe(
      `expected XML comments of at most 4194304 characters (the limit of the default XML reader, @xmldom/xmldom, whose comment grammar recurses once per character), received one of ${long} at line 2, column 3: remove or shorten the comment, or pass another xmlReader`,
    );
    expect(e.details).toMatchObject({ commentChars: long, maxCommentChars: 4_194_304, line: 2 });
    expect(e.message).not.toContain('call stack');
    // At the limit it parses, and a long comment later in the document is found too.
    expect(() => parseMpd(`<MPD ${NS}><!--${'x'.repeat(long - 1)}--></MPD>`)).not.toThrow();
    expect(failure(`<MPD ${NS}><!--a--><!--${'-'.repeat(long + 8)}--></MPD>`).code).toBe(
      'MPD_TOO_LARGE',
    );
  });

  it('MPD_XML_MALFORMED says what a reader stack overflow means instead of quoting it', () => {
    const reader = {
      parse: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const e = failure(`<MPD ${NS}/>`, { xmlReader: reader });
    expect(e.code).toBe('MPD_XML_MALFORMED');
    expect(e.message).toBe(
      'expected well-formed XML: the XML reader ran out of stack (it reads some construct of this document recursively, and that construct is too long or too deep); shorten it or pass another xmlReader',
    );
  });

  it('MPD_NOT_MPD for another root element or namespace', () => {
    expect(failure('<html><body/></html>')).toMatchObject({
      code: 'MPD_NOT_MPD',
      message:
        'expected root element <MPD> in namespace urn:mpeg:dash:schema:mpd:2011, received <html>',
    });
    expect(failure('<MPD xmlns="urn:example:other"/>').message).toContain(
      'in namespace urn:example:other',
    );
  });

  it('accepts an MPD without a namespace and the legacy upper-case namespace', () => {
    expect(parseMpd('<MPD type="static"/>').periods).toEqual([]);
    expect(
      parseMpd('<MPD xmlns="urn:mpeg:DASH:schema:MPD:2011"><Period/></MPD>').periods,
    ).toHaveLength(1);
  });

  it('MPD_INVALID_ATTRIBUTE names the element, the attribute, the expectation and the value', () => {
    const e = failure(rep('id="a" bandwidth="fast"'));
    expect(e.code).toBe('MPD_INVALID_ATTRIBUTE');
    expect(e.message).toBe(
      '<Representation> bandwidth: expected a non-negative integer, received "fast"',
    );
    expect(e.details).toMatchObject({ element: 'Representation', attribute: 'bandwidth' });
    expect(failure(rep('bandwidth="1"')).message).toBe(
      '<Representation> id: expected a non-empty id, received (missing)',
    );
    expect(failure(`<MPD ${NS} type="live"/>`).message).toContain(
      '<MPD> type: expected "static" or "dynamic"',
    );
    expect(failure(`<MPD ${NS} mediaPresentationDuration="1 hour"/>`).message).toContain(
      '<MPD> mediaPresentationDuration: expected an ISO 8601 duration',
    );
    expect(
      failure(
        rep('id="a" bandwidth="1"', '<SegmentList><SegmentURL mediaRange="9-3"/></SegmentList>'),
      ).message,
    ).toContain(
      '<SegmentURL> mediaRange: expected a byte range "first-last" with first <= last, received "9-3"',
    );
    expect(
      failure(
        rep(
          'id="a" bandwidth="1"',
          '<SegmentTemplate media="$Number$"><SegmentTimeline><S d="0"/></SegmentTimeline></SegmentTemplate>',
        ),
      ).message,
    ).toContain('<S> d: expected a positive integer, received "0"');
  });

  it('redacts query strings in attribute values it reports', () => {
    const e = failure(
      `<MPD ${NS}><Period><AdaptationSet><ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed" xmlns:cenc="urn:mpeg:cenc:2013"><cenc:pssh>https://x/?token=SECRET</cenc:pssh></ContentProtection></AdaptationSet></Period></MPD>`,
    );
    expect(e.code).toBe('MPD_INVALID_ATTRIBUTE');
    expect(e.message).not.toContain('SECRET');
  });

  it('rejects a pssh that is not a pssh box', () => {
    const e = failure(
      `<MPD ${NS} xmlns:cenc="urn:mpeg:cenc:2013"><Period><AdaptationSet><ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"><cenc:pssh>AAAAEHhYWFgAAAAAAAAAAA==</cenc:pssh></ContentProtection></AdaptationSet></Period></MPD>`,
    );
    expect(e.code).toBe('MPD_INVALID_ATTRIBUTE');
    expect(e.message).toMatch(/^<cenc:pssh> \(text\): expected a valid pssh box/);
    expect(isLegatoError(e.cause)).toBe(true);
  });

  it('MPD_TOO_LARGE and MPD_TOO_DEEP honour configurable caps', () => {
    expect(failure(`<MPD ${NS}/>`, { caps: { maxLengthChars: 10 } })).toMatchObject({
      code: 'MPD_TOO_LARGE',
      message: 'expected at most 10 characters, received 44',
    });
    const deep = `<MPD ${NS}>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</MPD>`;
    expect(failure(deep).code).toBe('MPD_TOO_DEEP');
    expect(parseMpd(deep, { caps: { maxDepth: 64 } }).periods).toEqual([]);
    // Nesting hidden in comments, CDATA and attribute values does not count.
    const hidden = `<MPD ${NS} x="${'&lt;a&gt;'.repeat(50)}"><!-- ${'<a>'.repeat(50)} --><![CDATA[${'<a>'.repeat(50)}]]></MPD>`;
    expect(parseMpd(hidden).periods).toEqual([]);
  });

  it('MPD_SEGMENT_OUT_OF_RANGE for positions outside the index', () => {
    const m = parseMpd(
      rep(
        'id="a" bandwidth="1"',
        '<SegmentList duration="1"><SegmentURL media="a"/></SegmentList>',
      ),
    );
    const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect(() => index.get(1)).toThrow(/expected an integer in \[0, 1\), received 1/);
    expect(() => index.get(0.5)).toThrow(/received 0.5/);
  });

  it('matches DRM children by namespace URI, not by prefix spelling', () => {
    const xml = `<MPD ${NS} xmlns:x="urn:mpeg:cenc:2013" xmlns:y="urn:amazon:music:3p:music:2020" xmlns:cenc="urn:example:not-cenc">
      <Period><AdaptationSet><ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" x:default_KID="00112233-4455-6677-8899-aabbccddeeff" cenc:default_KID="ffffffff-ffff-ffff-ffff-ffffffffffff"/>
      <ContentProtection schemeIdUri="urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95"><y:LicenseUrl>https://lic.example/pr</y:LicenseUrl></ContentProtection>
      <ContentProtection schemeIdUri="urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e" xmlns:dashif="https://dashif.org/CPS"><dashif:Laurl>https://lic.example/ck</dashif:Laurl></ContentProtection>
      <ContentProtection schemeIdUri="urn:uuid:EDEF8BA9-79D6-4ACE-A3C8-27DCD51D21ED" xmlns:ms="urn:microsoft"><ms:laurl licenseUrl="https://lic.example/wv"/></ContentProtection>
      </AdaptationSet></Period></MPD>`;
    const cps = parseMpd(xml).periods[0]!.adaptationSets[0]!.contentProtection;
    expect(cps.map((c) => [c.systemId, c.defaultKid, c.licenseUrl])).toEqual([
      [null, '00112233445566778899aabbccddeeff', null],
      [
        '9a04f079-9840-4286-ab92-e65be0885f95',
        '00112233445566778899aabbccddeeff',
        'https://lic.example/pr',
      ],
      [
        'e2719d58-a985-b3c9-781a-b030af78d30e',
        '00112233445566778899aabbccddeeff',
        'https://lic.example/ck',
      ],
      [
        'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed',
        '00112233445566778899aabbccddeeff',
        'https://lic.example/wv',
      ],
    ]);
  });

  it('parses undeclared well-known prefixes through the default reader', () => {
    const xml = `<MPD ${NS}><Period><AdaptationSet><ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed" cenc:default_KID="00112233-4455-6677-8899-aabbccddeeff"><amz:LicenseUrl>https://lic.example/a</amz:LicenseUrl></ContentProtection></AdaptationSet></Period></MPD>`;
    const cp = parseMpd(xml).periods[0]!.adaptationSets[0]!.contentProtection[0]!;
    expect(cp.defaultKid).toBe('00112233445566778899aabbccddeeff');
    expect(cp.licenseUrl).toBe('https://lic.example/a');
  });
});

describe('work caps', () => {
  it('keeps at most caps.maxBaseUrls BaseURL combinations, in document order', () => {
    const many = (n: number, p: string) =>
      Array.from({ length: n }, (_, i) => `<BaseURL>https://${p}${i}.example/</BaseURL>`).join('');
    const xml = `<MPD ${NS}>${many(20, 'a')}<Period>${many(20, 'b')}</Period></MPD>`;
    const m = parseMpd(xml);
    expect(m.baseUrls).toHaveLength(16);
    expect(m.periods[0]!.baseUrls).toHaveLength(16);
    expect(m.periods[0]!.baseUrls[0]).toBe('https://b0.example/');
    expect(parseMpd(xml, { caps: { maxBaseUrls: 3 } }).periods[0]!.baseUrls).toEqual([
      'https://b0.example/',
      'https://b1.example/',
      'https://b2.example/',
    ]);
  });

  it('rejects a SegmentTimeline with more S elements than caps.maxTimelineEntries', () => {
    const s = '<S d="1"/>'.repeat(11);
    const xml = rep(
      'id="a" bandwidth="1"',
      `<SegmentTemplate media="$Number$"><SegmentTimeline>${s}</SegmentTimeline></SegmentTemplate>`,
    );
    expect(
      parseMpd(xml).periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex.count,
    ).toBe(11);
    expect(failure(xml, { caps: { maxTimelineEntries: 10 } })).toMatchObject({
      code: 'MPD_TOO_LARGE',
      message: '<SegmentTimeline>: expected at most 10 S elements, received more',
    });
    // A work cap is a refusal in lenient mode too.
    expect(() => parseMpd(xml, { caps: { maxTimelineEntries: 10 } })).toThrow(/at most 10 S/);
  });
});

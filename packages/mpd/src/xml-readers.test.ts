import { readFileSync } from 'node:fs';
import { isLegatoError } from '@legato/errors';
import {
  createDomParserXmlReader,
  createXmldomXmlReader,
  type DomParserLike,
  parseMpd,
  toJSON,
  type XmlElement,
} from '@legato/mpd';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';

const xml = readFileSync(new URL('../fixtures/amazon-sample.mpd', import.meta.url), 'utf8');

describe('XmlReader port', () => {
  it('a DOMParser-shaped parser gives the same model as the default reader', () => {
    const domParser = new DOMParser() as unknown as DomParserLike;
    const viaDomParser = parseMpd(xml, { xmlReader: createDomParserXmlReader(domParser) });
    expect(toJSON(viaDomParser, { segments: true })).toEqual(
      toJSON(parseMpd(xml), { segments: true }),
    );
  });

  it('a <parsererror> document (how browsers report bad XML) is MPD_XML_MALFORMED', () => {
    const errorDoc: DomParserLike = {
      parseFromString: () => ({
        documentElement: null as XmlElement | null,
        getElementsByTagName: (name: string) => ({ length: name === 'parsererror' ? 1 : 0 }),
      }),
    };
    let caught: unknown;
    try {
      parseMpd('<MPD', { xmlReader: createDomParserXmlReader(errorDoc) });
    } catch (e) {
      caught = e;
    }
    expect(isLegatoError(caught) && caught.code).toBe('MPD_XML_MALFORMED');
  });

  it('extra prefixes can be pre-declared on the xmldom reader', () => {
    const doc = `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><Period><AdaptationSet><ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"><lic:LicenseUrl>https://l.example/</lic:LicenseUrl></ContentProtection></AdaptationSet></Period></MPD>`;
    expect(() => parseMpd(doc, { strict: true })).toThrow(
      expect.objectContaining({ code: 'MPD_UNDECLARED_PREFIX' }),
    );
    const reader = createXmldomXmlReader({ xmlns: { lic: 'urn:amazon:music:3p:music:2020' } });
    const cp = parseMpd(doc, { xmlReader: reader }).periods[0]!.adaptationSets[0]!
      .contentProtection[0]!;
    expect(cp.licenseUrl).toBe('https://l.example/');
  });

  it('a reader that returns something unusable never leaks a TypeError', () => {
    const broken = { parse: () => ({ nodeType: 1 }) as unknown as XmlElement };
    expect(() => parseMpd('<MPD/>', { xmlReader: broken })).toThrow(
      expect.objectContaining({ code: 'MPD_XML_MALFORMED' }),
    );
    const worse = { parse: () => null as unknown as XmlElement };
    expect(() => parseMpd('<MPD/>', { xmlReader: worse })).toThrow(
      expect.objectContaining({ code: 'MPD_XML_MALFORMED' }),
    );
  });
});

describe('hostile input stays bounded', () => {
  it('rejects a million-deep nesting before building any DOM, quickly', () => {
    const deep = `<MPD>${'<a>'.repeat(1_000_000)}`;
    const t0 = performance.now();
    expect(() => parseMpd(deep)).toThrow(expect.objectContaining({ code: 'MPD_TOO_DEEP' }));
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('scans pathological markup linearly', () => {
    for (const input of [
      '<'.repeat(2_000_000),
      `<a b="${'>'.repeat(1_000_000)}`,
      '<!--'.repeat(500_000),
    ]) {
      const t0 = performance.now();
      expect(() => parseMpd(input)).toThrow(expect.objectContaining({ code: 'MPD_XML_MALFORMED' }));
      expect(performance.now() - t0).toBeLessThan(3000);
    }
  });
});

describe('default xmldom reader', () => {
  it('drops whitespace-only text between tags but keeps element text and CDATA documents intact', () => {
    const reader = createXmldomXmlReader();
    const root = reader.parse(
      '<MPD>\n  <BaseURL>  https://a.example/x y/  </BaseURL>\n\t<Period/>\n</MPD>',
    );
    expect(root.firstChild?.nodeType).toBe(1);
    expect((root.firstChild as XmlElement).textContent).toBe('  https://a.example/x y/  ');
    expect(root.firstChild?.nextSibling?.nodeType).toBe(1);
    const nbsp = reader.parse('<a>\u00a0<b/></a>');
    expect(nbsp.firstChild?.nodeType).toBe(3); // NBSP is character data, not XML whitespace
    const cdata = reader.parse('<a><![CDATA[x>  <y]]> <b/></a>');
    expect(cdata.textContent).toBe('x>  <y ');
  });
});

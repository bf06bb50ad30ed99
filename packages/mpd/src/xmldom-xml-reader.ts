import { DOMParser } from '@xmldom/xmldom';
import { wellKnownXmlPrefixes, type XmlElement, type XmlReader } from './core/xml-reader.js';

/** Options of {@link createXmldomXmlReader}. */
export interface XmldomXmlReaderOptions {
  /** Extra prefix → namespace URI declarations assumed on the root. @default {} */
  readonly xmlns?: Readonly<Record<string, string>>;
}

/** XML whitespace (not `\s`, which also matches NBSP) between the end of one tag and the next. */
const INTER_TAG_WHITESPACE = />[ \t\r\n]+</g;

/**
 * The default {@link XmlReader}: `@xmldom/xmldom` (≥ 0.9.12) with the DASH/DRM prefixes
 * (`cenc`, `amz`, `amz-music`, `dashif`, `ms`, `mspr`, `clearkey`, `xlink`, `xsi`, `scte35`)
 * pre-declared, so an MPD that uses them without declaring them still parses. Parse errors of
 * level `error` and `fatalError` throw; no line/column bookkeeping.
 *
 * Whitespace-only text between tags is dropped before parsing: MPD elements have element-only
 * content, and those text nodes are a third of the DOM of an indented manifest. (`<` cannot
 * occur in attribute values, so only markup is touched; documents with CDATA are left as is.)
 */
export function createXmldomXmlReader(options: XmldomXmlReaderOptions = {}): XmlReader {
  const parser = new DOMParser({
    xmlns: { ...wellKnownXmlPrefixes, ...options.xmlns },
    locator: false,
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`${level}: ${message}`);
    },
  });
  return {
    parse: (xml) => {
      const source = xml.includes('<![CDATA[') ? xml : xml.replace(INTER_TAG_WHITESPACE, '><');
      const root = parser.parseFromString(source, 'text/xml').documentElement;
      if (root === null) throw new Error('no document element');
      return root as unknown as XmlElement;
    },
  };
}

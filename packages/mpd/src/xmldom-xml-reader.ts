import { DOMParser } from '@xmldom/xmldom';
import { wellKnownXmlPrefixes, type XmlElement, type XmlReader } from './core/xml-reader.js';

/** Options of {@link createXmldomXmlReader}. */
export interface XmldomXmlReaderOptions {
  /** Extra prefix → namespace URI declarations assumed on the root. @default {} */
  readonly xmlns?: Readonly<Record<string, string>>;
}

/**
 * The default {@link XmlReader}: `@xmldom/xmldom` (≥ 0.9.12) with the DASH/DRM prefixes
 * (`cenc`, `amz`, `amz-music`, `dashif`, `ms`, `mspr`, `clearkey`, `xlink`, `xsi`, `scte35`)
 * pre-declared, so an MPD that uses them without declaring them still parses. Parse errors and
 * warnings of level `error` throw; no line/column bookkeeping.
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
      const doc = parser.parseFromString(xml, 'text/xml');
      const root = doc.documentElement;
      if (root === null) throw new Error('no document element');
      return root as unknown as XmlElement;
    },
  };
}

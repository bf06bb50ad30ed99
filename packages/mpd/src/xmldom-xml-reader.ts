import { DOMParser } from '@xmldom/xmldom';
import { wellKnownXmlPrefixes, type XmlElement, type XmlReader } from './core/xml-reader.js';

/** Options of {@link createXmldomXmlReader}. */
export interface XmldomXmlReaderOptions {
  /** Extra prefix → namespace URI declarations assumed on the root. @default {} */
  readonly xmlns?: Readonly<Record<string, string>>;
}

/** XML whitespace (not `\s`, which also matches NBSP) between the end of one tag and the next. */
const INTER_TAG_WHITESPACE = />[ \t\r\n]+</g;

/** A malformed-XML error with its 1-based position, as {@link XmlReader} implementations may throw. */
class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * The default {@link XmlReader}: `@xmldom/xmldom` (≥ 0.9.12) with the DASH/DRM prefixes
 * (`cenc`, `amz`, `amz-music`, `dashif`, `ms`, `mspr`, `clearkey`, `xlink`, `xsi`, `scte35`)
 * pre-declared, so an MPD that uses them without declaring them still parses. Parse errors of
 * level `error` and `fatalError` throw an error with the parser's own message and its `line` and
 * `column` (found by a second, position-tracking parse of the same text: no line/column
 * bookkeeping on the successful path).
 *
 * Whitespace-only text between tags is dropped before parsing: MPD elements have element-only
 * content, and those text nodes are a third of the DOM of an indented manifest. (`<` cannot
 * occur in attribute values, so only markup is touched; documents with CDATA are left as is.)
 */
export function createXmldomXmlReader(options: XmldomXmlReaderOptions = {}): XmlReader {
  const xmlns = { ...wellKnownXmlPrefixes, ...options.xmlns };
  let reason = '';
  const onError = (level: string, message: string) => {
    if (level === 'warning') return;
    reason = message;
    throw new Error(message);
  };
  const parser = new DOMParser({ xmlns, locator: false, onError });
  const locating = new DOMParser({ xmlns, locator: true, onError });
  const fail = (xml: string): never => {
    let line: number | undefined;
    let column: number | undefined;
    try {
      locating.parseFromString(xml, 'text/xml');
    } catch (error) {
      const at = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
      line = at?.lineNumber;
      column = at?.columnNumber;
    }
    throw new XmlSyntaxError(reason, line, column);
  };
  return {
    predeclaredPrefixes: Object.keys(xmlns),
    parse: (xml) => {
      const source = xml.includes('<![CDATA[') ? xml : xml.replace(INTER_TAG_WHITESPACE, '><');
      reason = '';
      let root: unknown;
      try {
        root = parser.parseFromString(source, 'text/xml').documentElement;
      } catch {
        return fail(xml);
      }
      if (root === null || root === undefined)
        throw new XmlSyntaxError('no document element', 1, 1);
      return root as XmlElement;
    },
  };
}

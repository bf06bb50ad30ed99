import type { XmlElement, XmlReader } from './core/xml-reader.js';

/** The part of a browser `DOMParser` the reader uses. */
export interface DomParserLike {
  parseFromString(
    source: string,
    type: 'text/xml',
  ): {
    readonly documentElement: XmlElement | null;
    getElementsByTagName(name: string): { readonly length: number };
  };
}

/**
 * An {@link XmlReader} over a browser `DOMParser` (`createDomParserXmlReader(new DOMParser())`).
 * A `<parsererror>` document (how browsers report malformed XML) throws. Browsers resolve no
 * undeclared prefixes: MPDs must declare the `cenc:`/`amz:` prefixes they use.
 */
export function createDomParserXmlReader(parser: DomParserLike): XmlReader {
  return {
    parse: (xml) => {
      const doc = parser.parseFromString(xml, 'text/xml');
      const root = doc.documentElement;
      if (root === null || doc.getElementsByTagName('parsererror').length > 0) {
        throw new Error('the DOMParser reported a parsererror');
      }
      return root;
    },
  };
}

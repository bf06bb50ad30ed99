import { LegatoError } from '@legato/errors';
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
 * Longest comment the default reader accepts, in characters. xmldom matches a comment with a
 * regular expression that backtracks once per character: near 9 M characters (Node 20–24, default
 * stack) it exhausts the stack and reports "Maximum call stack size exceeded". Half that leaves
 * room for smaller stacks (workers, browsers); an MPD comment is never close to it.
 */
export const MAX_XMLDOM_COMMENT_CHARS = 4_194_304;

/** The first comment longer than {@link MAX_XMLDOM_COMMENT_CHARS}: its start and length, or null. */
function overlongComment(xml: string): { at: number; chars: number } | null {
  if (xml.length <= MAX_XMLDOM_COMMENT_CHARS) return null;
  for (let open = xml.indexOf('<!--'); open >= 0; ) {
    const close = xml.indexOf('-->', open + 4);
    const end = close < 0 ? xml.length : close;
    if (end - (open + 4) > MAX_XMLDOM_COMMENT_CHARS) return { at: open, chars: end - (open + 4) };
    if (close < 0) return null;
    open = xml.indexOf('<!--', close + 3);
  }
  return null;
}

/** MPD_TOO_LARGE for a comment xmldom cannot read, with its position and what to do. */
function commentTooLong(xml: string, at: number, chars: number): LegatoError<'MPD_TOO_LARGE'> {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i >= 0 && i < at; i = xml.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = at - lineStart + 1;
  return new LegatoError(
    'MPD_TOO_LARGE',
    `expected XML comments of at most ${MAX_XMLDOM_COMMENT_CHARS} characters (the limit of the default XML reader, @xmldom/xmldom, whose comment grammar recurses once per character), received one of ${chars} at line ${line}, column ${column}: remove or shorten the comment, or pass another xmlReader`,
    { details: { commentChars: chars, maxCommentChars: MAX_XMLDOM_COMMENT_CHARS, line, column } },
  );
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
 *
 * A comment longer than 4,194,304 characters (4 Mi) is refused as MPD_TOO_LARGE (with its
 * line and column) before xmldom would overflow its stack on it.
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
      const long = overlongComment(xml);
      if (long !== null) throw commentTooLong(xml, long.at, long.chars);
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

import { isLegatoError, LegatoError } from '@legato/errors';
import { buildManifest } from './core/build-manifest.js';
import type { Manifest } from './core/model.js';
import { xmlDepth } from './core/xml-depth.js';
import type { XmlElement, XmlReader } from './core/xml-reader.js';
import { createXmldomXmlReader } from './xmldom-xml-reader.js';

/** Work caps for hostile manifests. */
export interface MpdCaps {
  /** Largest accepted manifest, in UTF-16 code units (characters). @default 16_777_216 */
  readonly maxLengthChars?: number;
  /** Deepest accepted element nesting. @default 32 */
  readonly maxDepth?: number;
  /** Most BaseURL alternatives kept per element after combining levels. @default 16 */
  readonly maxBaseUrls?: number;
  /** Most `S` elements per SegmentTimeline. @default 1_000_000 */
  readonly maxTimelineEntries?: number;
}

/** Options of {@link parseMpd}. */
export interface ParseMpdOptions {
  /** The URL the MPD was loaded from: the root for BaseURL resolution. @default none (relative URLs stay relative) */
  readonly baseUrl?: string;
  /** The XML parser. @default createXmldomXmlReader() */
  readonly xmlReader?: XmlReader;
  /** Wall-clock time for live (`dynamic`) segment windows, ms since the epoch. @default none: live `@duration` indexes are empty and `r="-1"` repeats once */
  readonly nowMs?: number;
  /** Work caps. @default see {@link MpdCaps} */
  readonly caps?: MpdCaps;
}

let defaultReader: XmlReader | undefined;

/**
 * Parses a DASH MPD into the readonly {@link Manifest} model (times in seconds). Every failure
 * is a `LegatoError`: `MPD_TOO_LARGE`, `MPD_TOO_DEEP`, `MPD_XML_MALFORMED`, `MPD_NOT_MPD`,
 * `MPD_INVALID_ATTRIBUTE`.
 *
 * @example
 * ```ts
 * const manifest = parseMpd(xml, { baseUrl: 'https://cdn.example/track/DashDrm.mpd' });
 * const rep = manifest.periods[0]!.adaptationSets[0]!.representations[0]!;
 * rep.segmentIndex.get(0); // { number: 1, startS: 0, durationS: 10, url, urls, range }
 * ```
 */
export function parseMpd(xml: string, options: ParseMpdOptions = {}): Manifest {
  const caps = options.caps ?? {};
  const maxLength = caps.maxLengthChars ?? 16_777_216;
  if (typeof xml !== 'string') {
    throw new LegatoError(
      'MPD_XML_MALFORMED',
      `expected the MPD as a string, received ${typeof xml}`,
    );
  }
  if (xml.length > maxLength) {
    throw new LegatoError(
      'MPD_TOO_LARGE',
      `expected at most ${maxLength} characters, received ${xml.length}`,
      { details: { lengthChars: xml.length, maxLengthChars: maxLength } },
    );
  }
  const maxDepth = caps.maxDepth ?? 32;
  const depth = xmlDepth(xml, maxDepth);
  if (depth > maxDepth) {
    throw new LegatoError(
      'MPD_TOO_DEEP',
      `expected element nesting of at most ${maxDepth}, received more`,
      {
        details: { maxDepth },
      },
    );
  }
  let root: XmlElement;
  try {
    defaultReader ??= createXmldomXmlReader();
    root = (options.xmlReader ?? defaultReader).parse(xml);
  } catch (error) {
    if (isLegatoError(error)) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /\?[^\s"'<>]*/g,
      '?<redacted>',
    );
    throw new LegatoError(
      'MPD_XML_MALFORMED',
      `expected well-formed XML: ${reason.slice(0, 200)}`,
      {
        cause: error,
      },
    );
  }
  try {
    return buildManifest(root, {
      baseUrl: options.baseUrl ?? null,
      nowMs: options.nowMs ?? null,
      maxBaseUrls: caps.maxBaseUrls ?? 16,
      maxTimelineEntries: caps.maxTimelineEntries ?? 1_000_000,
    });
  } catch (error) {
    if (isLegatoError(error)) throw error;
    // A reader that returns something other than a DOM (or a DOM bug) must not leak a TypeError.
    throw new LegatoError('MPD_XML_MALFORMED', 'the XML reader returned an unusable document', {
      cause: error,
    });
  }
}

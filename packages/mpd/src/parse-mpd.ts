import { isLegatoError, LegatoError } from '@legato/errors';
import { firstElement, nextElement } from './_internal/children.js';
import { buildManifest } from './core/build-manifest.js';
import { createDiagnostics, type Diagnostics, report } from './core/diagnostics.js';
import { extractBodies } from './core/extract-bodies.js';
import { SEGMENT_URLS_MARKER, segmentUrlBodies } from './core/extract-segment-urls.js';
import { TIMELINE_MARKER, timelineBodies } from './core/extract-timelines.js';
import type { Manifest } from './core/model.js';
import type { SegmentUrlColumns } from './core/segment-children.js';
import type { RawTimeline } from './core/timeline-timing.js';
import { declarePrefixes, undeclaredPrefixes } from './core/undeclared-prefixes.js';
import type { XlinkResolutions } from './core/xlinks.js';
import { wellKnownXmlPrefixes, type XmlElement, type XmlReader } from './core/xml-reader.js';
import { scanXmlShape } from './core/xml-shape.js';
import { createXmldomXmlReader } from './xmldom-xml-reader.js';

/** Work caps for hostile manifests. */
export interface MpdCaps {
  /** Largest accepted manifest, in UTF-16 code units (characters). @default 16_777_216 */
  readonly maxLengthChars?: number;
  /** Deepest accepted element nesting. @default 32 */
  readonly maxDepth?: number;
  /**
   * Most elements plus attributes handed to the XML parser (counted by a linear pre-scan
   * before any DOM is built; a DOM node costs about 1 KB and 5–10 µs). Long SegmentTimelines and
   * long runs of SegmentURLs are read without DOM nodes and do not count. @default 100_000
   */
  readonly maxNodes?: number;
  /** Most entity and character references (`&amp;`, `&#65;`), counted by the pre-scan. @default 100_000 */
  readonly maxReferences?: number;
  /** Most namespace declarations (`xmlns`, `xmlns:p`), counted by the same pre-scan. @default 1_000 */
  readonly maxNamespaces?: number;
  /** Most Representations in the whole MPD. @default 10_000 */
  readonly maxRepresentations?: number;
  /** Most BaseURL alternatives kept per element after combining levels. @default 16 */
  readonly maxBaseUrls?: number;
  /** Most `S` elements per SegmentTimeline. @default 1_000_000 */
  readonly maxTimelineEntries?: number;
  /** Most `SegmentURL` elements per SegmentList. @default 1_000_000 */
  readonly maxSegmentUrls?: number;
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
  /**
   * Reject every defect (`true`), or drop/repair the defective element and report it in
   * `manifest.warnings` as peers do (`false`). @default false
   */
  readonly strict?: boolean;
}

let defaultReader: XmlReader | undefined;

function position(error: unknown): { line?: number; column?: number } {
  const e = error as { line?: unknown; column?: unknown };
  return {
    ...(typeof e.line === 'number' ? { line: e.line } : {}),
    ...(typeof e.column === 'number' ? { column: e.column } : {}),
  };
}

/** MPD_XML_MALFORMED: the reader's own reason once, its position in `details.line/column`. */
function malformed(error: unknown): LegatoError<'MPD_XML_MALFORMED'> {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = /Maximum call stack size exceeded/.test(raw)
    ? 'the XML reader ran out of stack (it reads some construct of this document recursively, and that construct is too long or too deep); shorten it or pass another xmlReader'
    : raw.replace(/\?[^\s"'<>]*/g, '?<redacted>').slice(0, 200);
  const at = position(error);
  const where =
    at.line === undefined
      ? ''
      : ` at line ${at.line}${at.column === undefined ? '' : `, column ${at.column}`}`;
  return new LegatoError('MPD_XML_MALFORMED', `expected well-formed XML${where}: ${reason}`, {
    cause: error,
    details: { ...at, reason },
  });
}

/**
 * Reports prefixes declared for the document (MPD_UNDECLARED_PREFIX; strict: thrown). The
 * well-known DASH/DRM prefixes are declared silently, as the default reader always has.
 */
function reportUndeclared(diag: Diagnostics, prefixes: readonly string[]): void {
  for (const p of prefixes) {
    if (Object.hasOwn(wellKnownXmlPrefixes, p)) continue;
    report(
      diag,
      'MPD',
      new LegatoError(
        'MPD_UNDECLARED_PREFIX',
        `expected an xmlns:${p} declaration for the prefix "${p}", received none`,
        { details: { prefix: p } },
      ),
      'repaired',
      'the prefix is declared on <MPD>',
    );
  }
}

/**
 * Parses with `reader` after declaring on the root the prefixes the pre-scan found undeclared;
 * on failure, retries once with every undeclared prefix a text scan finds (a prefix declared
 * only in another element's scope), else MPD_XML_MALFORMED.
 */
function readXml(
  xml: string,
  undeclared: readonly string[],
  reader: XmlReader,
  diag: Diagnostics,
): XmlElement {
  let text = xml;
  const own = reader.predeclaredPrefixes ?? [];
  const missing = own.length === 0 ? undeclared : undeclared.filter((p) => !own.includes(p));
  if (missing.length > 0) {
    const declared = declarePrefixes(xml, missing);
    if (declared !== null) {
      reportUndeclared(diag, missing);
      text = declared;
    }
  }
  try {
    return reader.parse(text);
  } catch (error) {
    if (isLegatoError(error)) throw error;
    const more = undeclaredPrefixes(xml).filter((p) => !missing.includes(p) && !own.includes(p));
    const declared = more.length === 0 ? null : declarePrefixes(text, more);
    if (declared === null) throw malformed(error);
    let root: XmlElement;
    try {
      root = reader.parse(declared);
    } catch {
      throw malformed(error);
    }
    reportUndeclared(diag, more);
    return root;
  }
}

/**
 * Parses a DASH MPD into the readonly {@link Manifest} model (times in seconds). Lenient by
 * default: a defect in one element drops or repairs that element and is reported in
 * `manifest.warnings`; `strict: true` throws it instead. Every failure is a `LegatoError`:
 * `MPD_TOO_LARGE`, `MPD_TOO_DEEP`, `MPD_XML_MALFORMED` (with `details.line/column`),
 * `MPD_NOT_MPD`, and in strict mode the warning codes (`MPD_INVALID_ATTRIBUTE`, …).
 *
 * @example
 * ```ts
 * const manifest = parseMpd(xml, { baseUrl: 'https://cdn.example/track/DashDrm.mpd' });
 * const rep = manifest.periods[0]!.adaptationSets[0]!.representations[0]!;
 * rep.segmentIndex.get(0); // { number: 1, startS: 0, durationS: 10, url, urls, range }
 * manifest.warnings; // [] for a valid MPD
 * ```
 */
export function parseMpd(xml: string, options: ParseMpdOptions = {}): Manifest {
  const diagnostics = createDiagnostics(options.strict ?? false);
  const read = readMpdRoot(xml, options, diagnostics, {
    timelines: [],
    segmentUrls: [],
    untrusted: new Set(),
  });
  return buildFromRoot(read, options, diagnostics, null);
}

/** Builds the model from a read root, substituting resolved xlink elements. */
export function buildFromRoot(
  { root, timelines, segmentUrls, untrusted }: MpdRoot,
  options: ParseMpdOptions,
  diagnostics: Diagnostics,
  xlinks: XlinkResolutions | null,
): Manifest {
  const caps = options.caps ?? {};
  try {
    return buildManifest(root, {
      baseUrl: options.baseUrl ?? null,
      nowMs: options.nowMs ?? null,
      maxBaseUrls: caps.maxBaseUrls ?? 16,
      timelines: {
        maxEntries: caps.maxTimelineEntries ?? 1_000_000,
        extracted: timelines,
        maxSegmentUrls: caps.maxSegmentUrls ?? 1_000_000,
        segmentUrls,
        untrusted,
      },
      maxRepresentations: caps.maxRepresentations ?? 10_000,
      diagnostics,
      xlinks,
    });
  } catch (error) {
    if (isLegatoError(error)) throw error;
    // A reader that returns something other than a DOM (or a DOM bug) must not leak a TypeError.
    throw new LegatoError('MPD_XML_MALFORMED', 'the XML reader returned an unusable document', {
      cause: error,
    });
  }
}

/** Bodies read before the DOM was built, by marker value (shared by a document and its xlinks). */
export interface MpdBodies {
  readonly timelines: RawTimeline[];
  readonly segmentUrls: SegmentUrlColumns[];
  /** Elements whose marker attribute was in the text itself (never trusted). */
  readonly untrusted: Set<XmlElement>;
}

/** A read document: its root element and the bodies read before the DOM was built. */
export interface MpdRoot {
  readonly root: XmlElement;
  readonly timelines: readonly RawTimeline[];
  readonly segmentUrls: readonly SegmentUrlColumns[];
  readonly untrusted: ReadonlySet<XmlElement>;
}

/**
 * Collects the elements of a document whose text spelled a marker attribute itself (extraction
 * was off for it): a marker there must not point at another document's bodies. Only walked in
 * that rare case; depth is already capped.
 */
function collectSpoofedMarkers(root: XmlElement, into: Set<XmlElement>): void {
  const stack: XmlElement[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    if (el.getAttribute(TIMELINE_MARKER) !== null || el.getAttribute(SEGMENT_URLS_MARKER) !== null)
      into.add(el);
    for (let c = firstElement(el); c !== null; c = nextElement(c)) stack.push(c);
  }
}

/**
 * The checks before any DOM is built (type, size, long timelines and SegmentURL runs read
 * straight into columns,
 * depth, nodes, namespaces), then the XML read with undeclared-prefix recovery. Shared by
 * {@link parseMpd} and the xlink resolver: a remote entity's bodies are appended to its
 * document's `bodies`, numbered after them.
 */
export function readMpdRoot(
  source: string,
  options: Pick<ParseMpdOptions, 'caps' | 'xmlReader'>,
  diagnostics: Diagnostics,
  bodies: MpdBodies,
): MpdRoot {
  const caps = options.caps ?? {};
  const maxLength = caps.maxLengthChars ?? 16_777_216;
  if (typeof source !== 'string') {
    throw new LegatoError(
      'MPD_XML_MALFORMED',
      `expected the MPD as a string, received ${typeof source}`,
    );
  }
  if (source.length > maxLength) {
    throw new LegatoError(
      'MPD_TOO_LARGE',
      `expected at most ${maxLength} characters, received ${source.length}`,
      { details: { lengthChars: source.length, maxLengthChars: maxLength } },
    );
  }
  const maxNodes = caps.maxNodes ?? 100_000;
  // Each extracted element keeps two DOM nodes: past half the node cap it is refused anyway.
  const maxBodies = Math.ceil(maxNodes / 2) + 1;
  const extracted = extractBodies(
    source,
    timelineBodies(caps.maxTimelineEntries ?? 1_000_000),
    bodies.timelines.length,
    maxBodies,
  );
  const lists = extractBodies(
    extracted?.xml ?? source,
    segmentUrlBodies(caps.maxSegmentUrls ?? 1_000_000),
    bodies.segmentUrls.length,
    maxBodies,
  );
  const xml = lists?.xml ?? extracted?.xml ?? source;
  const maxDepth = caps.maxDepth ?? 32;
  const maxNamespaces = caps.maxNamespaces ?? 1_000;
  const maxReferences = caps.maxReferences ?? 100_000;
  const shape = scanXmlShape(xml, { maxDepth, maxNodes, maxNamespaces, maxReferences });
  if (shape.references > maxReferences) {
    throw new LegatoError(
      'MPD_TOO_LARGE',
      `expected at most ${maxReferences} entity and character references, received more`,
      { details: { maxReferences } },
    );
  }
  if (shape.depth > maxDepth) {
    throw new LegatoError(
      'MPD_TOO_DEEP',
      `expected element nesting of at most ${maxDepth}, received more`,
      { details: { maxDepth } },
    );
  }
  if (shape.namespaces > maxNamespaces) {
    throw new LegatoError(
      'MPD_TOO_LARGE',
      `expected at most ${maxNamespaces} namespace declarations, received more`,
      { details: { maxNamespaces } },
    );
  }
  if (shape.nodes > maxNodes) {
    throw new LegatoError(
      'MPD_TOO_LARGE',
      `expected at most ${maxNodes} elements and attributes, received more`,
      { details: { maxNodes } },
    );
  }
  defaultReader ??= createXmldomXmlReader();
  const root = readXml(
    xml,
    shape.undeclaredPrefixes,
    options.xmlReader ?? defaultReader,
    diagnostics,
  );
  // Appended only once the document is read: a refused one leaves no stray bodies behind.
  for (const t of extracted?.values ?? []) bodies.timelines.push(t);
  for (const l of lists?.values ?? []) bodies.segmentUrls.push(l);
  if (source.includes(TIMELINE_MARKER) || source.includes(SEGMENT_URLS_MARKER)) {
    collectSpoofedMarkers(root, bodies.untrusted);
  }
  return {
    root,
    timelines: bodies.timelines,
    segmentUrls: bodies.segmentUrls,
    untrusted: bodies.untrusted,
  };
}

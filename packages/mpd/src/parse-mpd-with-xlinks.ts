import { isLegatoError, LegatoError } from '@legato/errors';
import { firstElement, nextElement } from './_internal/children.js';
import { createDiagnostics, type Diagnostics, report } from './core/diagnostics.js';
import type { Manifest } from './core/model.js';
import { resolveUrl } from './core/resolve-url.js';
import { RESOLVE_TO_ZERO } from './core/xlinks.js';
import { type XmlElement, XmlNamespaces } from './core/xml-reader.js';
import { buildFromRoot, type MpdBodies, type ParseMpdOptions, readMpdRoot } from './parse-mpd.js';

/** Options of {@link parseMpdWithXlinks}. */
export interface ParseMpdWithXlinksOptions extends ParseMpdOptions {
  /**
   * Loads a remote element entity (the text at an `xlink:href`, resolved against `baseUrl`).
   * The parser never fetches: the transport is the caller's.
   */
  readonly loadXlink: (url: string) => Promise<string>;
  /** Resolve `xlink:actuate="onRequest"` links (the default actuate) too, not only `onLoad`. @default true */
  readonly resolveOnRequest?: boolean;
  /** Deepest chain of links inside loaded entities. @default 4 */
  readonly maxXlinkDepth?: number;
  /** Most links loaded for one MPD. @default 64 */
  readonly maxXlinks?: number;
}

/** The children searched for links, per element (a Representation is searched, never linked). */
const SEARCHED: Readonly<Record<string, readonly string[]>> = {
  MPD: ['Period'],
  Period: ['AdaptationSet', 'EventStream', 'SegmentList'],
  AdaptationSet: ['SegmentList', 'Representation'],
  Representation: ['SegmentList'],
};

/** Elements whose `xlink:href` this parser resolves (ISO/IEC 23009-1 §5.5.2). */
const LINKABLE: ReadonlySet<string> = new Set([
  'Period',
  'AdaptationSet',
  'EventStream',
  'SegmentList',
]);

function unresolved(diag: Diagnostics, path: string, el: XmlElement, why: string): void {
  report(
    diag,
    path,
    new LegatoError('MPD_XLINK_UNRESOLVED', `<${el.localName}> xlink:href: ${why}`, {
      details: { element: el.localName },
    }),
    'repaired',
    'the element is used as written',
  );
}

/**
 * Parses an MPD and resolves its `xlink:href` Periods, AdaptationSets, EventStreams and
 * SegmentLists (at Period, AdaptationSet and Representation level) through
 * the injected `loadXlink` (ISO/IEC 23009-1 §5.5): each remote entity replaces its element;
 * `urn:mpeg:dash:resolve-to-zero:2013` removes it; links inside entities are followed up to
 * `maxXlinkDepth`, at most `maxXlinks` in all. A link that cannot be resolved (load failure,
 * malformed entity, a cap) keeps its element as written and is reported as
 * MPD_XLINK_UNRESOLVED (strict: thrown).
 *
 * @example
 * ```ts
 * const manifest = await parseMpdWithXlinks(xml, {
 *   baseUrl: 'https://cdn.example/live.mpd',
 *   loadXlink: (url) => fetch(url).then((r) => r.text()),
 * });
 * ```
 */
export async function parseMpdWithXlinks(
  xml: string,
  options: ParseMpdWithXlinksOptions,
): Promise<Manifest> {
  const diag = createDiagnostics(options.strict ?? false);
  const bodies: MpdBodies = { timelines: [], segmentUrls: [], untrusted: new Set() };
  const read = readMpdRoot(xml, options, diag, bodies);
  const root = read.root;
  const ns = root.namespaceURI;
  const resolutions = new Map<XmlElement, readonly XmlElement[]>();
  const maxDepth = options.maxXlinkDepth ?? 4;
  const maxCount = options.maxXlinks ?? 64;
  let loaded = 0;

  /** Resolves the links among `parent`'s linkable children, and below them. */
  const resolveChildren = async (parent: XmlElement, depth: number, at: string) => {
    const names = SEARCHED[parent.localName ?? ''] ?? [];
    const seen = new Map<string, number>();
    const pending: Promise<void>[] = [];
    for (let c = firstElement(parent); c !== null; c = nextElement(c)) {
      const name = c.localName ?? '';
      if (c.namespaceURI !== ns || !names.includes(name)) continue;
      const k = seen.get(name) ?? 0;
      seen.set(name, k + 1);
      pending.push(resolveElement(c, depth, `${at === '' ? '' : `${at}/`}${name}[${k}]`));
    }
    await Promise.all(pending);
  };

  /** Resolves `el`'s own link (then the links of what replaces it), or its children's. */
  const resolveElement = async (el: XmlElement, depth: number, path: string): Promise<void> => {
    const href = el.getAttributeNS(XmlNamespaces.xlink, 'href')?.trim();
    if (href === undefined || href === '' || !LINKABLE.has(el.localName ?? '')) {
      return resolveChildren(el, depth, path);
    }
    if (href === RESOLVE_TO_ZERO) {
      resolutions.set(el, []);
      return;
    }
    const actuate = el.getAttributeNS(XmlNamespaces.xlink, 'actuate') ?? 'onRequest';
    if (actuate !== 'onLoad' && options.resolveOnRequest === false) {
      unresolved(
        diag,
        path,
        el,
        'expected xlink:actuate="onLoad", received "onRequest" (resolveOnRequest: false)',
      );
      return;
    }
    if (depth >= maxDepth || loaded >= maxCount) {
      const cap = depth >= maxDepth ? `maxXlinkDepth ${maxDepth}` : `maxXlinks ${maxCount}`;
      unresolved(diag, path, el, `expected a link within ${cap}, received one more`);
      return;
    }
    loaded++;
    const remote = await resolveOne(el, href, path);
    if (remote === null) return;
    resolutions.set(el, remote);
    const inner = `${path} (xlink depth ${depth + 1})`;
    await Promise.all(remote.map((r) => resolveElement(r, depth + 1, inner)));
  };

  const resolveOne = async (
    el: XmlElement,
    href: string,
    path: string,
  ): Promise<XmlElement[] | null> => {
    const url = options.baseUrl === undefined ? href : resolveUrl(href, options.baseUrl);
    let text: string;
    try {
      text = await options.loadXlink(url);
    } catch (error) {
      unresolved(
        diag,
        path,
        el,
        `expected a loadable remote element, the load failed (${errorText(error)})`,
      );
      return null;
    }
    try {
      // A remote element entity is zero or more elements: wrap them in one root that declares
      // the MPD namespaces, and read it with the same caps and reader.
      const body = text.replace(/^\s*<\?xml[^>]*\?>/, '');
      const wrapped = `<legato-xlink xmlns="${ns ?? ''}" xmlns:xlink="${XmlNamespaces.xlink}">${body}</legato-xlink>`;
      // Long timelines and SegmentURL runs in the entity are read as text too, into `bodies`.
      const wrapper = readMpdRoot(wrapped, options, diag, bodies).root;
      const out: XmlElement[] = [];
      for (let r = firstElement(wrapper); r !== null; r = nextElement(r)) {
        if (r.localName === el.localName) out.push(r);
      }
      return out;
    } catch (error) {
      if (!isLegatoError(error)) throw error;
      if (error.code === 'MPD_XLINK_UNRESOLVED' || diag.strict) throw error;
      unresolved(
        diag,
        path,
        el,
        `expected a well-formed remote element, received: ${error.message}`,
      );
      return null;
    }
  };

  await resolveChildren(root, 0, '');
  return buildFromRoot(read, options, diag, resolutions);
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 120);
}

/**
 * The XML port: the few DOM members the MPD walker reads. A browser `Element` and an
 * `@xmldom/xmldom` element both satisfy it as they are.
 */

/** A DOM node as far as the MPD walker needs it. */
export interface XmlNode {
  /** 1 for elements; other node types are skipped. */
  readonly nodeType: number;
  /** The next sibling node, or null. */
  readonly nextSibling: XmlNode | null;
}

/** A DOM element as far as the MPD walker needs it. */
export interface XmlElement extends XmlNode {
  /** Local name without prefix (`ContentProtection`, `pssh`). */
  readonly localName: string | null;
  /** Namespace URI, or null. */
  readonly namespaceURI: string | null;
  /** The first child node, or null. */
  readonly firstChild: XmlNode | null;
  /** Concatenated text of the element's descendants. */
  readonly textContent: string | null;
  /** Value of an unprefixed attribute, or null when absent. */
  getAttribute(name: string): string | null;
  /** Value of a namespaced attribute (matched by namespace URI + local name), or null. */
  getAttributeNS(namespace: string | null, localName: string): string | null;
}

/**
 * Parses XML text into its document element. Implementations throw on malformed XML (any
 * error is reported as `MPD_XML_MALFORMED`) and must not resolve external entities.
 */
export interface XmlReader {
  /** Parses `xml` and returns the root element. */
  readonly parse: (xml: string) => XmlElement;
  /** Prefixes the reader declares itself (not injected into the document). @default none */
  readonly predeclaredPrefixes?: readonly string[];
}

/** Namespaces the MPD walker matches by URI. */
export const XmlNamespaces = {
  /** DASH MPD (ISO/IEC 23009-1). */
  mpd: 'urn:mpeg:dash:schema:mpd:2011',
  /** Common Encryption (`cenc:default_KID`, `cenc:pssh`). */
  cenc: 'urn:mpeg:cenc:2013',
  /** Amazon Music third-party extensions (`amz:LicenseUrl`). */
  amz: 'urn:amazon:music:3p:music:2020',
  /** Amazon Music DRM extensions (`amz-music:`). */
  amzMusic: 'urn:amazon:music:drm:2019',
  /** DASH-IF content protection extensions (`dashif:Laurl`). */
  dashif: 'https://dashif.org/CPS',
  /** Microsoft license URL extension (`ms:laurl@licenseUrl`). */
  ms: 'urn:microsoft',
  /** PlayReady (`mspr:pro`). */
  mspr: 'urn:microsoft:playready',
  /** DASH-IF ClearKey (`clearkey:Laurl`). */
  clearkey: 'http://dashif.org/guidelines/clearKey',
  /** XLink. */
  xlink: 'http://www.w3.org/1999/xlink',
  /** XML Schema instance. */
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  /** SCTE-35 events. */
  scte35: 'http://www.scte.org/schemas/35/2016',
} as const;

/** Prefixes pre-declared for MPDs that use them without declaring them. */
export const wellKnownXmlPrefixes: Readonly<Record<string, string>> = {
  cenc: XmlNamespaces.cenc,
  amz: XmlNamespaces.amz,
  'amz-music': XmlNamespaces.amzMusic,
  dashif: XmlNamespaces.dashif,
  ms: XmlNamespaces.ms,
  mspr: XmlNamespaces.mspr,
  clearkey: XmlNamespaces.clearkey,
  xlink: XmlNamespaces.xlink,
  xsi: XmlNamespaces.xsi,
  scte35: XmlNamespaces.scte35,
};

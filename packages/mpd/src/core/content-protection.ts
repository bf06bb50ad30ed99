import { isLegatoError } from '@legato/errors';
import {
  decodeBase64,
  decodeWidevinePsshData,
  parsePssh,
  WIDEVINE_SYSTEM_ID,
} from '@legato/isobmff';
import { firstElement, nextElement, textOf } from '../_internal/children.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { attemptAt, childScope, type Scope } from './diagnostics.js';
import type { ContentProtection, PsshInfo } from './model.js';
import { type XmlElement, XmlNamespaces } from './xml-reader.js';

const MP4_PROTECTION = 'urn:mpeg:dash:mp4protection:2011';
const UUID_SCHEME = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** `https://dashif.org/CPS`, `https://dashif.org/` and the other spellings in the field. */
const DASHIF = /^https?:\/\/dashif\.org(?:\/(?:CPS\/?)?)?$/i;
const KID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/;

function decodePssh(el: XmlElement): PsshInfo {
  const text = textOf(el);
  const bytes = decodeBase64(text, { ignoreWhitespace: true });
  if (bytes === undefined || bytes.length === 0) {
    throw invalidAttribute('cenc:pssh', '(text)', 'base64 of a pssh box', text);
  }
  try {
    const box = parsePssh(bytes);
    const widevine = box.systemId === WIDEVINE_SYSTEM_ID ? decodeWidevinePsshData(box.data) : null;
    return { bytes, box, widevine };
  } catch (error) {
    if (!isLegatoError(error)) throw error;
    throw invalidAttribute(
      'cenc:pssh',
      '(text)',
      `a valid pssh box (${error.message})`,
      text,
      error,
    );
  }
}

function licenseUrlOf(el: XmlElement): string | null {
  const ns = el.namespaceURI;
  const name = el.localName;
  if (ns === XmlNamespaces.amz && name === 'LicenseUrl') return textOf(el) || null;
  if (ns !== null && DASHIF.test(ns) && (name === 'Laurl' || name === 'laurl')) {
    return textOf(el) || null;
  }
  if (ns === XmlNamespaces.clearkey && name === 'Laurl') return textOf(el) || null;
  if (ns === XmlNamespaces.ms && name === 'laurl') return el.getAttribute('licenseUrl') || null;
  return null;
}

/** A ContentProtection whose defaultKid may still be filled from its mp4protection sibling. */
export type ContentProtectionDraft = {
  -readonly [K in keyof ContentProtection]: ContentProtection[K];
};

/**
 * Reads one `ContentProtection` element. DRM children are matched by namespace URI and local
 * name (`cenc:pssh`, `amz:LicenseUrl`, `dashif:Laurl`, `ms:laurl`), never by prefix. A
 * malformed `default_KID` is reported and read as absent; a malformed `pssh` is left out.
 */
export function readContentProtection(el: XmlElement, scope: Scope): ContentProtectionDraft {
  const rawScheme = el.getAttribute('schemeIdUri');
  if (rawScheme === null || rawScheme.trim() === '') {
    throw invalidAttribute('ContentProtection', 'schemeIdUri', 'a URI', rawScheme);
  }
  const schemeIdUri = rawScheme.trim().toLowerCase();
  const uuid = UUID_SCHEME.exec(schemeIdUri);
  const rawKid = el.getAttributeNS(XmlNamespaces.cenc, 'default_KID');
  const defaultKid =
    rawKid === null
      ? null
      : attemptAt(scope, () => kidOf(rawKid), null, 'default_KID read as absent');
  const pssh: PsshInfo[] = [];
  let licenseUrl: string | null = null;
  let k = 0;
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.namespaceURI === XmlNamespaces.cenc && c.localName === 'pssh') {
      const at = childScope(scope, `cenc:pssh[${k++}]`);
      const info = attemptAt(at, () => decodePssh(c), null, 'pssh left out', 'dropped');
      if (info !== null) pssh.push(info);
    } else if (licenseUrl === null) licenseUrl = licenseUrlOf(c);
  }
  return {
    schemeIdUri,
    value: el.getAttribute('value'),
    systemId: uuid === null ? null : uuid[1]!,
    defaultKid,
    pssh,
    licenseUrl,
  };
}

function kidOf(raw: string): string {
  const kid = raw.trim().toLowerCase();
  if (!KID.test(kid)) {
    throw invalidAttribute(
      'ContentProtection',
      'cenc:default_KID',
      'a 16-byte key id as a UUID',
      raw,
    );
  }
  return kid.length === 32 ? kid : kid.replace(/-/g, '');
}

/** The `default_KID` of the first mp4protection descriptor in `list`, or null. */
export function mp4ProtectionKid(list: readonly ContentProtection[]): string | null {
  for (const cp of list)
    if (cp.schemeIdUri === MP4_PROTECTION && cp.defaultKid) return cp.defaultKid;
  return null;
}

/** Fills missing `defaultKid`s from the mp4protection descriptor (DASH-IF IOP) and freezes the list. */
export function finishContentProtection(
  drafts: ContentProtectionDraft[],
  inheritedKid: string | null,
): readonly ContentProtection[] {
  if (drafts.length === 0) return drafts;
  const kid = mp4ProtectionKid(drafts) ?? inheritedKid;
  if (kid !== null) for (const d of drafts) if (d.defaultKid === null) d.defaultKid = kid;
  return drafts;
}

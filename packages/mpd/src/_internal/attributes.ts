import { parseIsoDurationS } from '../core/iso-duration.js';
import type { XmlElement } from '../core/xml-reader.js';
import { type ExactInt, parseExactUint } from './exact.js';
import { invalidAttribute } from './invalid-attribute.js';

/** Non-negative integer text (no sign, no exponent) to a number; NaN when not one. */
export function parseUnsignedInt(text: string): number {
  const n = text.length;
  if (n === 0 || n > 16) return Number.NaN;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return value <= Number.MAX_SAFE_INTEGER ? value : Number.NaN;
}

/** Reads an optional unsigned integer attribute; throws MPD_INVALID_ATTRIBUTE when malformed. */
export function uintAttr(el: XmlElement, name: string): number | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const v = parseUnsignedInt(raw.trim());
  if (Number.isNaN(v)) throw invalidAttribute(elName(el), name, 'a non-negative integer', raw);
  return v;
}

/** Reads an optional unsigned integer that may pass 2^53 (`S@t`, `presentationTimeOffset`). */
export function exactUintAttr(el: XmlElement, name: string): ExactInt | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const v = parseExactUint(raw.trim());
  if (v === null) throw invalidAttribute(elName(el), name, 'a non-negative integer', raw);
  return v;
}

/** Reads a signed integer attribute (e.g. `S@r`, which allows -1). */
export function intAttr(el: XmlElement, name: string): number | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const t = raw.trim();
  const negative = t.charCodeAt(0) === 45;
  const v = parseUnsignedInt(negative ? t.slice(1) : t);
  if (Number.isNaN(v)) throw invalidAttribute(elName(el), name, 'an integer', raw);
  return negative ? -v : v;
}

/** Reads a finite decimal attribute. */
export function doubleAttr(el: XmlElement, name: string): number | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const t = raw.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v)) throw invalidAttribute(elName(el), name, 'a finite number', raw);
  return v;
}

/** `@availabilityTimeOffset` in seconds: a finite number, or `INF` (Infinity). */
export function availabilityTimeOffsetAttr(el: XmlElement): number | null {
  const raw = el.getAttribute('availabilityTimeOffset');
  return raw !== null && raw.trim() === 'INF'
    ? Number.POSITIVE_INFINITY
    : doubleAttr(el, 'availabilityTimeOffset');
}

/** Reads an `xs:boolean` attribute (`true`, `false`, `1`, `0`). */
export function boolAttr(el: XmlElement, name: string): boolean | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const t = raw.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw invalidAttribute(elName(el), name, 'true or false', raw);
}

/** Reads an ISO 8601 duration attribute in seconds. */
export function durationAttr(el: XmlElement, name: string): number | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const v = parseIsoDurationS(raw);
  if (v === null) {
    throw invalidAttribute(elName(el), name, 'an ISO 8601 duration like PT2.5S', raw);
  }
  return v;
}

/** Reads a byte range `first-last` (inclusive) attribute. */
export function rangeAttr(el: XmlElement, name: string): { start: number; end: number } | null {
  const raw = el.getAttribute(name);
  if (raw === null) return null;
  const dash = raw.indexOf('-');
  const start = dash > 0 ? parseUnsignedInt(raw.slice(0, dash).trim()) : Number.NaN;
  const end = dash > 0 ? parseUnsignedInt(raw.slice(dash + 1).trim()) : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    throw invalidAttribute(elName(el), name, 'a byte range "first-last" with first <= last', raw);
  }
  return { start, end };
}

/** The element's local name, for messages. */
export function elName(el: XmlElement): string {
  return el.localName ?? '?';
}

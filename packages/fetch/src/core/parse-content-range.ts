/** A satisfied `Content-Range` (RFC 9110 §14.4): `bytes first-last/complete-length`. */
export interface ContentRange {
  /** First byte offset, inclusive. */
  readonly start: number;
  /** Last byte offset, inclusive. */
  readonly end: number;
  /** Length of the whole resource in bytes; `undefined` when the server wrote `*`. */
  readonly sizeBytes: number | undefined;
}

const CONTENT_RANGE = /^\s*bytes\s+(\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)\s*$/i;

/**
 * Parses a satisfied `Content-Range` header value; `undefined` for a missing, malformed,
 * unsatisfied (`bytes *\/1234`) or self-contradictory one (last < first, last ≥ length).
 *
 * @example
 * ```ts
 * parseContentRange('bytes 1352-1079003/4000000'); // { start: 1352, end: 1079003, sizeBytes: 4000000 }
 * ```
 */
export function parseContentRange(value: string | null | undefined): ContentRange | undefined {
  if (value == null) return undefined;
  const m = CONTENT_RANGE.exec(value);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const sizeBytes = m[3] === '*' ? undefined : Number(m[3]);
  if (end < start) return undefined;
  if (sizeBytes !== undefined && end >= sizeBytes) return undefined;
  return { start, end, sizeBytes };
}

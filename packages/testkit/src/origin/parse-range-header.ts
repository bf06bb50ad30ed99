/** What a request's `Range` header asks of a resource of a known size. */
export type RangeAsk =
  | { readonly type: 'none' }
  | { readonly type: 'range'; readonly start: number; readonly end: number }
  | { readonly type: 'unsatisfiable' };

const SINGLE = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Reads a `Range` request header against a resource of `sizeBytes` (RFC 9110 §14.2): one
 * `first-last`, `first-` or `-suffix` range, the last byte clamped to the resource. A missing,
 * malformed or multi-range header is `none` (the server may answer 200 with the whole body);
 * a range starting past the end (or an empty suffix) is `unsatisfiable` (416).
 */
export function parseRangeHeader(value: string | undefined, sizeBytes: number): RangeAsk {
  if (value === undefined) return { type: 'none' };
  const m = SINGLE.exec(value);
  if (!m) return { type: 'none' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { type: 'none' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || sizeBytes === 0) return { type: 'unsatisfiable' };
    return { type: 'range', start: Math.max(0, sizeBytes - suffix), end: sizeBytes - 1 };
  }
  const start = Number(first);
  const end = last === '' ? sizeBytes - 1 : Math.min(Number(last), sizeBytes - 1);
  if (last !== '' && Number(last) < start) return { type: 'none' };
  if (start >= sizeBytes) return { type: 'unsatisfiable' };
  return { type: 'range', start, end };
}

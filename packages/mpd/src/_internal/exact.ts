/**
 * Exact integers for media times: a `number` while it is safe (≤ 2^53 − 1), a `bigint` above.
 * `S@t`, `presentationTimeOffset` and `$Time$` of epoch-based 10 MHz streams pass 2^53.
 */
export type ExactInt = number | bigint;

/** A bigint back to a number when that is exact. */
export function narrow(v: bigint): ExactInt {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v;
}

/** `a + b`, exact. */
export function exactAdd(a: ExactInt, b: ExactInt): ExactInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  return narrow(BigInt(a) + BigInt(b));
}

/** `a × b` for non-negative safe integers, exact. */
export function exactMul(a: number, b: number): ExactInt {
  const p = a * b;
  return Number.isSafeInteger(p) ? p : narrow(BigInt(a) * BigInt(b));
}

/** `a − b` as the nearest number (exact while the difference is below 2^53). */
export function exactDiff(a: ExactInt, b: ExactInt): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Number(BigInt(a) - BigInt(b));
}

/** Non-negative decimal integer text (no sign) of at most 20 digits; null when not one. */
export function parseExactUint(text: string): ExactInt | null {
  const n = text.length;
  if (n === 0 || n > 20) return null;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return n < 16 ? Number(text) : narrow(BigInt(text));
}

import { LegatoError } from '@legato/errors';

/** The range a numeric option accepts. */
export interface NumberRange {
  /** Smallest accepted value. */
  readonly min: number;
  /** Whether `min` itself is accepted. @default true */
  readonly minInclusive?: boolean;
  /** Largest accepted value. @default Infinity */
  readonly max?: number;
}

/** Parses a numeric option, or throws `INVALID_ARGUMENT` naming the flag, the range and the value. */
export function parseNumber(flag: string, raw: string, range: NumberRange): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const inclusive = range.minInclusive ?? true;
  const max = range.max ?? Number.POSITIVE_INFINITY;
  const ok =
    Number.isFinite(value) && (inclusive ? value >= range.min : value > range.min) && value <= max;
  if (!ok) {
    const lower = `${inclusive ? '≥' : '>'} ${range.min}`;
    const expected = max === Number.POSITIVE_INFINITY ? lower : `${lower} and ≤ ${max}`;
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${flag}: expected a number ${expected}, received ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

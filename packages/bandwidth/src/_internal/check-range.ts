import { LegatoError } from '@legato/errors';

/**
 * Throws `BANDWIDTH_INVALID_CONFIG` unless `value` is a number in `[min, max]`
 * (`exclusiveMin` makes the lower bound open). Returns the value for chaining.
 */
export function checkRange(
  option: string,
  value: number,
  min: number,
  max: number,
  exclusiveMin = false,
): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (exclusiveMin ? value > min : value >= min) &&
    value <= max;
  if (!ok) {
    const range = `${exclusiveMin ? '(' : '['}${min}, ${max}]`;
    throw new LegatoError(
      'BANDWIDTH_INVALID_CONFIG',
      `bandwidth option ${option}: expected a number in ${range}, received ${String(value)}`,
      { details: { option, received: String(value), range } },
    );
  }
  return value;
}

import { LegatoError } from '@legato/errors';

/** Throws `ABR_INVALID_CONFIG` unless `value` is a number in `[min, max]`; returns it. */
export function checkRange(option: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new LegatoError(
      'ABR_INVALID_CONFIG',
      `abr option ${option}: expected a number in [${min}, ${max}], received ${String(value)}`,
      { details: { option, received: String(value), min, max } },
    );
  }
  return value;
}

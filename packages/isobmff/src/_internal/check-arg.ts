import { LegatoError } from '@legato/errors';

/** Throws INVALID_ARGUMENT unless `value` is an integer in [min, max]. */
export function checkUint(name: string, value: number, max: number, min = 0): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${name}: expected an integer in [${min}, ${max}], received ${String(value)}`,
      { details: { argument: name } },
    );
  }
}

/** Throws INVALID_ARGUMENT unless `value` is a four-character latin-1 code. */
export function checkFourcc(name: string, value: string): void {
  if (value.length !== 4 || !isLatin1(value)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${name}: expected a four-character code, received ${JSON.stringify(value)}`,
      { details: { argument: name } },
    );
  }
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** The INVALID_ARGUMENT error naming the argument, what was expected and what came. */
export function invalidArgument(name: string, expected: string, received: unknown): LegatoError {
  return new LegatoError(
    'INVALID_ARGUMENT',
    `${name}: expected ${expected}, received ${String(received)}`,
    {
      details: { argument: name },
    },
  );
}

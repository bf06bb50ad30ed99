import { hasErrorCode, isLegatoError } from '@legato/errors';
import { expect } from 'vitest';

/** Asserts `fn` throws ISOBMFF_MALFORMED with a message matching `pattern`. */
export function expectMalformed(fn: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(hasErrorCode(caught, 'ISOBMFF_MALFORMED'), String(caught)).toBe(true);
  expect((caught as Error).message).toMatch(pattern);
}

/** Runs `fn`; returns normally when it succeeds or throws a LegatoError, rethrows anything else. */
export function onlyLegatoErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isLegatoError(e)) throw e;
  }
}

import { hasErrorCode, isLegatoError, LegatoError } from '@legato/errors';
import { expect, it } from 'vitest';

it('README example: throw, catch and branch on codes', () => {
  // #region readme
  const error = new LegatoError('MPD_NOT_MPD', 'expected root element <MPD>, received <html>', {
    details: { element: 'html' },
  });
  expect(isLegatoError(error)).toBe(true); // also true for another copy of @legato/errors
  expect(hasErrorCode(error, 'MPD_NOT_MPD')).toBe(true);
  expect(error.retryable).toBe(false); // the registry's value for MPD_NOT_MPD unless `retryable` is given
  expect(JSON.stringify(error)).toContain('"code":"MPD_NOT_MPD"');
  // #endregion
});

import { hasErrorCode, isLegatoError, LegatoError, type LegatoErrorCode } from '@legato/errors';
import { describe, expectTypeOf, it } from 'vitest';

describe('LegatoError types', () => {
  it('keeps the literal code', () => {
    const e = new LegatoError('MPD_NOT_MPD', 'x');
    expectTypeOf(e.code).toEqualTypeOf<'MPD_NOT_MPD'>();
    expectTypeOf(
      new LegatoError('FETCH_HTTP_418', 'teapot').code,
    ).toEqualTypeOf<'FETCH_HTTP_418'>();
  });

  it('rejects codes outside the registry', () => {
    // @ts-expect-error — not a registered code
    new LegatoError<LegatoErrorCode>('NOT_A_CODE', 'x');
    expectTypeOf<'MPD_TOO_DEEP'>().toExtend<LegatoErrorCode>();
    expectTypeOf<'FETCH_HTTP_503'>().toExtend<LegatoErrorCode>();
  });

  it('narrows with the guards', () => {
    const value: unknown = new LegatoError('LICENSE_DENIED', 'no');
    if (hasErrorCode(value, 'LICENSE_DENIED'))
      expectTypeOf(value.code).toEqualTypeOf<'LICENSE_DENIED'>();
    if (isLegatoError(value)) expectTypeOf(value.retryable).toEqualTypeOf<boolean>();
  });
});

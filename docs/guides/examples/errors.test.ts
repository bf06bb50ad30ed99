import { describeErrorCode, isLegatoError, LegatoError } from '@legato/errors';
import { expect, it } from 'vitest';

it('handles a LegatoError by code and retryable', () => {
  const attempt = (): never => {
    throw new LegatoError('FETCH_HTTP_503', 'GET https://cdn.example/a.mp4 answered 503', {
      retryable: true,
      details: { status: 503, attempts: 3 },
    });
  };
  // #region handle-errors
  try {
    attempt();
  } catch (error) {
    if (!isLegatoError(error)) throw error; // not ours: a bug, let it surface
    const info = describeErrorCode(error.code);
    console.warn(`${error.code} (${error.retryable ? 'retryable' : 'fatal'}): ${error.message}`);
    console.warn(info?.description);
    if (error.code === 'FETCH_FORBIDDEN') {
      // refresh playbackInformation, then retry
    }
  }
  // #endregion
  expect(() => attempt()).toThrowError(LegatoError);
});

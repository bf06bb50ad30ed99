import { isLegatoError, LegatoError, type LegatoErrorCode } from '@legato/errors';

/**
 * Keeps a LegatoError as is; wraps anything else under `code` with `message` and the cause
 * (`retryable` defaults to the code's registry value).
 */
export function toLegatoError(
  error: unknown,
  code: LegatoErrorCode,
  message: string,
  retryable?: boolean,
): LegatoError<string> {
  if (isLegatoError(error)) return error;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new LegatoError(code, `${message}: ${reason.slice(0, 200)}`, {
    cause: error,
    ...(retryable === undefined ? {} : { retryable }),
  });
}

import { isLegatoError, LegatoError, type LegatoErrorCode } from '@legato/errors';

/** Wraps a DOMException (or anything thrown by a browser API) in a LegatoError with `code`. */
export function toLegatoError(
  error: unknown,
  code: LegatoErrorCode,
  what: string,
  retryable?: boolean,
): LegatoError {
  if (isLegatoError(error)) return error as LegatoError;
  const name =
    error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
      ? String((error as { name: unknown }).name)
      : 'Error';
  const message =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
      ? String((error as { message: unknown }).message)
      : String(error);
  return new LegatoError(code, `${what}: ${name}: ${message}`, {
    ...(retryable === undefined ? {} : { retryable }), // else the code's registry value
    cause: error,
    details: { domException: name },
  });
}

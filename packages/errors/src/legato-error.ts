import { defaultRetryable } from './codes/retryable-codes.js';
import type { LegatoErrorCode } from './error-codes.js';

const BRAND = Symbol.for('@legato/errors/LegatoError');

/** Options accepted by every {@link LegatoError} constructor. */
export interface LegatoErrorOptions {
  /**
   * Whether retrying the same operation may succeed.
   * @default the code's registry value (`describeErrorCode(code).retryable`); `false` for a code
   * the registry does not know
   */
  readonly retryable?: boolean;
  /** The underlying failure (a DOMException, a fetch TypeError, another LegatoError…). */
  readonly cause?: unknown;
  /** Structured, already-redacted facts for logs and reports (url, status, attempts, field…). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** JSON shape of a {@link LegatoError}, as written by `toJSON()`. */
export interface LegatoErrorJson {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one base class of every failure legato reports: a literal `code`, `retryable`, `cause`.
 *
 * @example
 * ```ts
 * throw new LegatoError('MPD_NOT_MPD', 'expected root element <MPD>, received <html>');
 * ```
 */
export class LegatoError<C extends string = LegatoErrorCode> extends Error {
  /** The literal error code from the registry (`MPD_XML_MALFORMED`, `FETCH_HTTP_503`, …). */
  readonly code: C;
  /** Whether retrying the same operation may succeed (the registry's value unless given). */
  readonly retryable: boolean;
  /** Structured, redacted facts about the failure. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: C, message: string, options: LegatoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LegatoError';
    this.code = code;
    this.retryable = options.retryable ?? defaultRetryable(code);
    this.details = options.details;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Plain-data form for logs, reports and `JSON.stringify`. */
  toJSON(): LegatoErrorJson {
    const cause = this.cause;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(cause === undefined
        ? {}
        : { cause: isLegatoError(cause) ? cause.toJSON() : describeCause(cause) }),
    };
  }
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof Error) return { name: cause.name, message: cause.message };
  return String(cause);
}

/**
 * True for any LegatoError, including one thrown by another copy of `@legato/errors`
 * (the check is a global-symbol brand, not `instanceof`).
 */
export function isLegatoError(value: unknown): value is LegatoError<string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

/** True when `value` is a LegatoError with exactly this `code`. */
export function hasErrorCode<C extends string>(value: unknown, code: C): value is LegatoError<C> {
  return isLegatoError(value) && value.code === code;
}

import { isLegatoError, type LegatoError } from '@legato/errors';

/** The codes an {@link MpdWarning} carries: the error `strict: true` throws for the same defect. */
export type MpdWarningCode =
  | 'MPD_INVALID_ATTRIBUTE'
  | 'MPD_UNDECLARED_PREFIX'
  | 'MPD_TIMELINE_OVERLAP'
  | 'MPD_XLINK_UNRESOLVED'
  | 'MPD_TOO_MANY_SEGMENTS';

/**
 * A defect the lenient parser survived. The element at `path` was `dropped` (left out of the
 * model) or `repaired` (kept with the value peers use instead, named in `message`).
 */
export interface MpdWarning {
  /** What is wrong; `strict: true` throws a `LegatoError` with this code instead. */
  readonly code: MpdWarningCode;
  /** Where, by element position: `Period[0]/AdaptationSet[2]/Representation[1]` (0-based). */
  readonly path: string;
  /** What is wrong and what the parser did about it. */
  readonly message: string;
  /** Whether the element was left out or kept with a repaired value. */
  readonly action: 'dropped' | 'repaired';
}

/** Collects warnings, or throws them in strict mode. */
export interface Diagnostics {
  /** `strict: true`: every defect throws. */
  readonly strict: boolean;
  /** Warnings so far, in document order. */
  readonly warnings: MpdWarning[];
}

/** A fresh collector. */
export function createDiagnostics(strict: boolean): Diagnostics {
  return { strict, warnings: [] };
}

/**
 * Reports a defect at `path`: rethrows `error` in strict mode, else records it as a warning.
 * `what` says what was done (`"representation dropped"`, `"bandwidth taken as 0"`).
 */
export function report(
  d: Diagnostics,
  path: string,
  error: LegatoError<MpdWarningCode>,
  action: MpdWarning['action'],
  what: string,
): void {
  if (d.strict) throw error;
  d.warnings.push({ code: error.code, path, message: `${error.message}; ${what}`, action });
}

/**
 * Runs `read`; a LegatoError it throws is reported at `path` (strict: rethrown) and `fallback`
 * is returned instead. Anything else propagates.
 */
export function attempt<T>(
  d: Diagnostics,
  path: string,
  read: () => T,
  fallback: T,
  what: string,
  action: MpdWarning['action'] = 'repaired',
): T {
  try {
    return read();
  } catch (error) {
    if (!isLegatoError(error) || !isWarningCode(error.code)) throw error;
    report(d, path, error as LegatoError<MpdWarningCode>, action, what);
    return fallback;
  }
}

const WARNING_CODES: ReadonlySet<string> = new Set<MpdWarningCode>([
  'MPD_INVALID_ATTRIBUTE',
  'MPD_UNDECLARED_PREFIX',
  'MPD_TIMELINE_OVERLAP',
  'MPD_XLINK_UNRESOLVED',
  'MPD_TOO_MANY_SEGMENTS',
]);

/** Whether a code is one a lenient parse survives. */
export function isWarningCode(code: string): code is MpdWarningCode {
  return WARNING_CODES.has(code);
}

/** Where the reader is: the collector and the element path. */
export interface Scope {
  readonly diag: Diagnostics;
  /** `Period[0]/AdaptationSet[2]` (empty at the MPD element). */
  readonly path: string;
}

/** The scope of a child element (`name` such as `Representation[1]` or `SegmentTemplate`). */
export function childScope(scope: Scope, name: string): Scope {
  return { diag: scope.diag, path: scope.path === '' ? name : `${scope.path}/${name}` };
}

/** Reports a defect at the scope's element (see {@link report}). */
export function reportAt(
  scope: Scope,
  error: LegatoError<MpdWarningCode>,
  action: MpdWarning['action'],
  what: string,
): void {
  report(scope.diag, scope.path === '' ? 'MPD' : scope.path, error, action, what);
}

/** {@link attempt} at the scope's element. */
export function attemptAt<T>(
  scope: Scope,
  read: () => T,
  fallback: T,
  what: string,
  action: MpdWarning['action'] = 'repaired',
): T {
  return attempt(scope.diag, scope.path === '' ? 'MPD' : scope.path, read, fallback, what, action);
}

import { isLegatoError } from '@legato/errors';
import { CommanderError } from 'commander';

/** One CLI failure as the user sees it: one line for stderr and the exit code. */
export interface CliFailure {
  /** A single line (no trailing newline): what was wrong, with the value. */
  readonly line: string;
  /** 2 for bad input, 1 for an internal failure. */
  readonly exitCode: number;
}

const oneLine = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');

/** `details.line` / `details.column` (or `lineNumber` / `columnNumber`) as " at line L, column C". */
function where(details: Readonly<Record<string, unknown>> | undefined): string {
  if (details === undefined) return '';
  const line = details['line'] ?? details['lineNumber'];
  const column = details['column'] ?? details['columnNumber'];
  if (typeof line !== 'number') return '';
  return typeof column === 'number' ? ` (line ${line}, column ${column})` : ` (line ${line})`;
}

/**
 * Formats any error a command throws as one line, never a stack trace: usage errors from the
 * argument parser and `LegatoError`s (with their code, and line/column when the details carry them)
 * are bad input (exit 2); a file-system error names the path; anything else is an internal error (exit 1).
 */
export function formatCliError(prefix: string, error: unknown): CliFailure {
  if (error instanceof CommanderError) {
    return { line: `${prefix}: ${oneLine(error.message.replace(/^error: /, ''))}`, exitCode: 2 };
  }
  if (isLegatoError(error)) {
    const message = oneLine(error.message);
    // Line and column from the details, unless the message already names them.
    const at = where(error.details);
    const known = at !== '' && message.includes(at.slice(2, -1));
    return { line: `${prefix}: ${error.code}: ${message}${known ? '' : at}`, exitCode: 2 };
  }
  const sys = error as NodeJS.ErrnoException | undefined;
  if (sys instanceof Error && typeof sys.code === 'string' && typeof sys.path === 'string') {
    return {
      line: `${prefix}: ${sys.syscall ?? 'file'} ${sys.path}: ${sys.code}`,
      exitCode: 2,
    };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    line: `${prefix}: internal error: ${oneLine(text)} (LEGATO_DEBUG=1 prints the stack)`,
    exitCode: 1,
  };
}

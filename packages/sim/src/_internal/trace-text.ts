import { LegatoError } from '@legato/errors';

/** Default cap on a trace file's size, characters. */
export const DEFAULT_MAX_TRACE_CHARS = 64 * 1024 * 1024;

/** Throws `TRACE_INVALID` when `text` is not a string or is larger than `maxChars`. */
export function checkTraceText(name: string, text: unknown, maxChars: number): string {
  if (typeof text !== 'string') {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected trace text (a string), received ${typeof text}`,
    );
  }
  if (text.length > maxChars) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: expected at most ${maxChars} characters, received ${text.length}`,
    );
  }
  return text;
}

/** One data line of a text trace: its 1-based line number and whitespace-separated fields. */
export interface TraceLine {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Data lines of a text trace; blank lines and `#` comments are skipped. */
export function* traceLines(text: string): Generator<TraceLine> {
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    let next = text.indexOf('\n', pos);
    if (next === -1) next = text.length;
    line++;
    const raw = text.slice(pos, next);
    pos = next + 1;
    const hash = raw.indexOf('#');
    const body = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (body !== '') yield { line, fields: body.split(/\s+/) };
  }
}

/** Parses a decimal number field or throws `TRACE_INVALID` naming the line and column. */
export function numberField(name: string, where: TraceLine, column: number, what: string): number {
  const raw = where.fields[column];
  const value = raw === undefined ? Number.NaN : Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
    throw new LegatoError(
      'TRACE_INVALID',
      `${name}: line ${where.line}: expected ${what} (a finite number ≥ 0) in column ${column + 1}, received ${raw === undefined ? 'nothing' : JSON.stringify(raw.slice(0, 40))}`,
      { details: { line: where.line, column: column + 1 } },
    );
  }
  return value;
}

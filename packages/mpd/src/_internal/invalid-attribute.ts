import { LegatoError } from '@legato/errors';

const MAX_SHOWN_CHARS = 80;

/** Shows a received value safely: query strings redacted, long values cut. */
export function showValue(value: string | null): string {
  if (value === null) return '(missing)';
  let shown = value;
  const q = shown.indexOf('?');
  if (q >= 0) shown = `${shown.slice(0, q)}?<redacted>`;
  if (shown.length > MAX_SHOWN_CHARS) shown = `${shown.slice(0, MAX_SHOWN_CHARS)}…`;
  return JSON.stringify(shown);
}

/** The `MPD_INVALID_ATTRIBUTE` error: names element, attribute, expectation and received value. */
export function invalidAttribute(
  element: string,
  attribute: string,
  expected: string,
  received: string | null,
  cause?: unknown,
): LegatoError<'MPD_INVALID_ATTRIBUTE'> {
  const shown = showValue(received);
  return new LegatoError(
    'MPD_INVALID_ATTRIBUTE',
    `<${element}> ${attribute}: expected ${expected}, received ${shown}`,
    {
      details: { element, attribute, expected, received: shown },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

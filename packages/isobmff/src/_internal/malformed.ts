import { LegatoError } from '@legato/errors';

/** Builds the one error every parse failure of this package surfaces as. */
export function malformed(
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): LegatoError<'ISOBMFF_MALFORMED'> {
  return new LegatoError('ISOBMFF_MALFORMED', message, { details });
}

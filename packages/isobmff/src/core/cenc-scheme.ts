import { LegatoError } from '@legato/errors';

/** The four protection schemes of ISO/IEC 23001-7 (Common Encryption), as `schm` names them. */
export const CENC_SCHEMES = ['cenc', 'cbc1', 'cens', 'cbcs'] as const;

/**
 * A Common Encryption scheme: `cenc` (AES-CTR, full sample or subsamples), `cbc1` (AES-CBC),
 * `cens` (AES-CTR with a crypt/skip block pattern), `cbcs` (AES-CBC with a pattern, the IV
 * reset at every subsample, usually a constant IV).
 */
export type CencScheme = (typeof CENC_SCHEMES)[number];

/**
 * The scheme named by a `schm` scheme type, or `ISOBMFF_UNSUPPORTED_SCHEME` for anything else
 * (a missing `schm` included): content in an unknown scheme must never be "decrypted" with
 * another scheme's cipher.
 *
 * @example
 * ```ts
 * toCencScheme(parseSchm(bytes, schm).schemeType); // 'cbcs'
 * ```
 */
export function toCencScheme(schemeType: string | null): CencScheme {
  const known = CENC_SCHEMES.find((s) => s === schemeType);
  if (known === undefined) {
    throw new LegatoError(
      'ISOBMFF_UNSUPPORTED_SCHEME',
      `schm: expected one of ${CENC_SCHEMES.join(', ')}, received ${schemeType === null ? 'no schm box' : JSON.stringify(schemeType)}`,
      { details: { schemeType } },
    );
  }
  return known;
}

/** Whether the scheme uses AES-CBC (`cbc1`, `cbcs`) rather than AES-CTR (`cenc`, `cens`). */
export function isCbcScheme(scheme: CencScheme): boolean {
  return scheme === 'cbc1' || scheme === 'cbcs';
}

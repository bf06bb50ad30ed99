import { LegatoError } from '@legato/errors';
import { decodeBase64 } from '@legato/isobmff';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON license response `{"license": "<base64>"}` (Amazon; Widevine proxies add
 * `"status": "OK"`). Throws `LICENSE_RESPONSE_INVALID` naming what was wrong, never echoing
 * the body.
 */
export function readJsonLicense(body: Uint8Array, what: string): Uint8Array {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(body));
  } catch {
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `${what}: expected a JSON body, received ${body.length} bytes that do not parse`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `${what}: expected a JSON object, received ${Array.isArray(json) ? 'an array' : typeof json}`,
    );
  }
  const { license, status } = json as Record<string, unknown>;
  if (status !== undefined && status !== 'OK') {
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `${what}: expected "status": "OK", received ${JSON.stringify(status).slice(0, 40)}`,
      {
        details: { status: String(status).slice(0, 40) },
      },
    );
  }
  if (typeof license !== 'string' || license.length === 0) {
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `${what}: expected a base64 string "license", received ${license === undefined ? 'no such field' : typeof license}`,
    );
  }
  const bytes = decodeBase64(license);
  if (bytes === undefined || bytes.length === 0) {
    throw new LegatoError(
      'LICENSE_RESPONSE_INVALID',
      `${what}: expected "license" to be base64, received ${license.length} characters that are not`,
    );
  }
  return bytes;
}

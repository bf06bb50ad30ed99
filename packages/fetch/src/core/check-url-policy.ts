import { LegatoError } from '@legato/errors';
import { redactUrl } from './redact-url.js';

/**
 * Which plain-HTTP origins may be fetched: `false` = HTTPS only, `true` = any `http:` origin
 * (loopback tests, LAN devices), or an explicit list of origins such as `'http://127.0.0.1:8080'`.
 */
export type InsecureOriginPolicy = boolean | readonly string[];

/**
 * Throws `INSECURE_ORIGIN` for an `http:` URL the policy does not allow, and
 * `INVALID_ARGUMENT` for a URL that is not absolute `http(s):`.
 */
export function checkUrlPolicy(url: string, allowInsecureOrigins: InsecureOriginPolicy): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `request.urls: expected an absolute URL, received "${redactUrl(url)}"`,
    );
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol !== 'http:') {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `request.urls: expected an https: URL, received a ${parsed.protocol} URL "${redactUrl(url)}"`,
    );
  }
  const allowed =
    allowInsecureOrigins === true ||
    (Array.isArray(allowInsecureOrigins) && allowInsecureOrigins.includes(parsed.origin));
  if (!allowed) {
    throw new LegatoError(
      'INSECURE_ORIGIN',
      `expected an https: URL, received "${redactUrl(url)}" (allow it with allowInsecureOrigins)`,
      { details: { url: redactUrl(url) } },
    );
  }
}

import { encodeBase64 } from '@legato/isobmff';
import { postLicense$ } from '../_internal/post-license.js';
import { readJsonLicense } from '../_internal/read-json-license.js';
import type { GetToken, LicenseHttpOptions } from './license-http-options.js';
import type { LicenseTransport } from './license-transport.js';

/** The guide's header for test licenses that expire early. */
export const AMAZON_EXPIRATION_TEST_HEADER = 'x-amz-music-license-expiration-secs';

/** Options of {@link amazonLicenseTransport}. */
export interface AmazonLicenseTransportOptions extends LicenseHttpOptions {
  /** The MPD's `amz:LicenseUrl` (HTTPS). */
  readonly licenseUrl: string;
  /**
   * `playbackInformation.licenseHeaders`, or a function returning the current ones (they
   * expire with playbackInformation after 3600 s; a function lets renewals use fresh ones).
   */
  readonly licenseHeaders:
    | Readonly<Record<string, string>>
    | (() => Readonly<Record<string, string>>);
  /** The LWA bearer token, asked for on every request (renewals included). */
  readonly getToken: GetToken;
  /** `User-Agent`, as `<app>/<version>`. */
  readonly userAgent: string;
  /** Ask the server for a license that expires after this many seconds (testing). */
  readonly expirationTestSecs?: number;
  /**
   * Header carrying `expirationTestSecs` (the guide also names
   * `x-alexa-music-license-expiration-test-duration-secs`).
   * @default 'x-amz-music-license-expiration-secs'
   */
  readonly expirationHeaderName?: string;
}

/**
 * The Amazon Music license transport: POSTs `{"licenseChallenge": "<base64>"}` with
 * `Authorization: Bearer <token>`, the playbackInformation license headers, `User-Agent`
 * and `Content-Type: application/json`, and returns the decoded `license` of the
 * `{"license": "<base64>"}` answer. Status handling: 400 `LICENSE_BAD_REQUEST`; 401 one
 * token refresh then `LICENSE_UNAUTHORIZED`; 403 `LICENSE_DENIED`; 5xx bounded retries
 * (`LICENSE_SERVER_ERROR`), 503 after `Retry-After`; a bad body `LICENSE_RESPONSE_INVALID`.
 *
 * @example
 * ```ts
 * const transport = amazonLicenseTransport({
 *   licenseUrl, licenseHeaders: info.licenseHeaders, userAgent: 'MyPlayer/1.0',
 *   getToken: ({ forceRefresh }) => auth.token(forceRefresh),
 * });
 * ```
 */
export function amazonLicenseTransport(options: AmazonLicenseTransportOptions): LicenseTransport {
  const { licenseUrl, getToken, userAgent } = options;
  return (challenge, context) =>
    postLicense$(
      {
        licenseUrl,
        getToken,
        build: () => {
          const extra =
            typeof options.licenseHeaders === 'function'
              ? options.licenseHeaders()
              : options.licenseHeaders;
          const headers: Record<string, string> = {
            ...extra,
            'User-Agent': userAgent,
            'Content-Type': 'application/json',
          };
          if (options.expirationTestSecs !== undefined) {
            headers[options.expirationHeaderName ?? AMAZON_EXPIRATION_TEST_HEADER] = String(
              options.expirationTestSecs,
            );
          }
          return { headers, body: JSON.stringify({ licenseChallenge: encodeBase64(challenge) }) };
        },
        read: (body) => readJsonLicense(body, 'Amazon license response'),
      },
      context,
      options,
    );
}

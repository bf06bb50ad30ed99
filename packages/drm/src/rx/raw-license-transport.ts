import { LegatoError } from '@legato/errors';
import { postLicense$ } from '../_internal/post-license.js';
import type { GetToken, LicenseHttpOptions } from './license-http-options.js';
import type { LicenseTransport } from './license-transport.js';

/** Options of {@link rawLicenseTransport}. */
export interface RawLicenseTransportOptions extends LicenseHttpOptions {
  /** The license server URL (HTTPS). */
  readonly licenseUrl: string;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bearer token, asked for on every request; omit for servers without one. */
  readonly getToken?: GetToken;
}

/**
 * The plain binary transport (Widevine servers behind a thin proxy, ClearKey servers):
 * POSTs the challenge as `application/octet-stream` and returns the body as the license.
 * An empty body is `LICENSE_RESPONSE_INVALID`. Same retry and status mapping as
 * {@link amazonLicenseTransport}.
 */
export function rawLicenseTransport(options: RawLicenseTransportOptions): LicenseTransport {
  return (challenge, context) =>
    postLicense$(
      {
        licenseUrl: options.licenseUrl,
        getToken: options.getToken,
        build: () => ({
          headers: { ...options.headers, 'Content-Type': 'application/octet-stream' },
          body: challenge,
        }),
        read: (body) => {
          if (body.length === 0) {
            throw new LegatoError(
              'LICENSE_RESPONSE_INVALID',
              'raw license response: expected license bytes, received an empty body',
            );
          }
          return body;
        },
      },
      context,
      options,
    );
}

import { postLicense$ } from '../_internal/post-license.js';
import { readJsonLicense } from '../_internal/read-json-license.js';
import {
  buildWidevineTemplate,
  type WidevineTemplateInput,
} from '../core/build-widevine-template.js';
import type { GetToken, LicenseHttpOptions } from './license-http-options.js';
import type { LicenseTransport } from './license-transport.js';

/** Options of {@link widevineProxyTransport}. */
export interface WidevineProxyTransportOptions extends LicenseHttpOptions {
  /** The license proxy URL (HTTPS). */
  readonly licenseUrl: string;
  /** Everything of the proxy request but the `payload` (content_id, provider, policy…). @default {} */
  readonly template?: Omit<WidevineTemplateInput, 'payload'>;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bearer token, asked for on every request; omit for proxies without one. */
  readonly getToken?: GetToken;
}

/**
 * The Widevine license-proxy transport: POSTs the template JSON of the spec with the CDM
 * challenge as base64 `payload` (validated: `LICENSE_TEMPLATE_INVALID` before any request)
 * and reads `{"status": "OK", "license": "<base64>"}`. Same retry and status mapping as
 * {@link amazonLicenseTransport}.
 */
export function widevineProxyTransport(options: WidevineProxyTransportOptions): LicenseTransport {
  return (challenge, context) =>
    postLicense$(
      {
        licenseUrl: options.licenseUrl,
        getToken: options.getToken,
        build: () => {
          const template = buildWidevineTemplate({ ...options.template, payload: challenge });
          return {
            headers: { ...options.headers, 'Content-Type': 'application/json' },
            body: JSON.stringify(template),
          };
        },
        read: (body) => readJsonLicense(body, 'Widevine proxy response'),
      },
      context,
      options,
    );
}

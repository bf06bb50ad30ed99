import { encodeBase64 } from '@legato/isobmff';
import type { LicensePolicy } from './license-policy.js';
import { parseWidevineTemplate } from './parse-widevine-template.js';
import type {
  WidevineAllowedTrackTypes,
  WidevineHdcp,
  WidevineLicenseTemplate,
  WidevinePolicyOverrides,
  WidevineSecurityLevel,
  WidevineTrackType,
} from './widevine-template.js';

/** One content key spec in legato's terms (bytes, not base64). */
export interface WidevineKeySpecInput {
  readonly trackType?: WidevineTrackType;
  readonly securityLevel?: WidevineSecurityLevel;
  readonly hdcp?: WidevineHdcp;
  /** Content key, 16 bytes (needs `trackType` or `keyId`). */
  readonly key?: Uint8Array;
  /** Key id, 16 bytes. */
  readonly keyId?: Uint8Array;
}

/** Input of {@link buildWidevineTemplate}; every field optional, as in the spec. */
export interface WidevineTemplateInput {
  /** The CDM challenge. */
  readonly payload?: Uint8Array;
  readonly contentId?: Uint8Array;
  readonly provider?: string;
  readonly policyName?: string;
  /** Exclusive with `contentKeySpecs`. */
  readonly allowedTrackTypes?: WidevineAllowedTrackTypes;
  /** Exclusive with `allowedTrackTypes`. */
  readonly contentKeySpecs?: readonly WidevineKeySpecInput[];
  readonly usePolicyOverridesExclusively?: boolean;
  /** Policy overrides; only the given fields are written. */
  readonly policy?: Partial<LicensePolicy>;
  readonly sessionInit?: {
    readonly providerSessionToken?: Uint8Array;
    readonly providerClientToken?: Uint8Array;
    readonly overrideProviderClientToken?: boolean;
  };
  readonly parseOnly?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function put<T extends object, K extends keyof T>(
  target: Mutable<T>,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

const b64 = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : encodeBase64(bytes);

function buildPolicy(policy: Partial<LicensePolicy>): WidevinePolicyOverrides {
  const out: Mutable<WidevinePolicyOverrides> = {};
  put(out, 'can_play', policy.canPlay);
  put(out, 'can_persist', policy.canPersist);
  put(out, 'can_renew', policy.canRenew);
  put(out, 'license_duration_seconds', policy.licenseDurationS);
  put(out, 'rental_duration_seconds', policy.rentalDurationS);
  put(out, 'playback_duration_seconds', policy.playbackDurationS);
  put(out, 'renewal_server_url', policy.renewalServerUrl);
  put(out, 'renewal_delay_seconds', policy.renewalDelayS);
  put(out, 'renewal_retry_interval_seconds', policy.renewalRetryIntervalS);
  put(out, 'renewal_recovery_duration_seconds', policy.renewalRecoveryDurationS);
  put(out, 'renew_with_usage', policy.renewWithUsage);
  return out;
}

/**
 * Builds a Widevine license template / proxy request from legato's terms (bytes become
 * base64, `LicensePolicy` fields become `policy_overrides`) and validates it, so what it
 * returns always passes `parseWidevineTemplate`; `JSON.stringify` it to send.
 *
 * @throws LegatoError `LICENSE_TEMPLATE_INVALID` when the input breaks a rule of the spec.
 */
export function buildWidevineTemplate(input: WidevineTemplateInput): WidevineLicenseTemplate {
  const out: Mutable<WidevineLicenseTemplate> = {};
  put(out, 'payload', b64(input.payload));
  put(out, 'content_id', b64(input.contentId));
  put(out, 'provider', input.provider);
  put(out, 'policy_name', input.policyName);
  put(out, 'allowed_track_types', input.allowedTrackTypes);
  if (input.contentKeySpecs !== undefined) {
    out.content_key_specs = input.contentKeySpecs.map((spec) => {
      const entry: Mutable<NonNullable<WidevineLicenseTemplate['content_key_specs']>[number]> = {};
      put(entry, 'track_type', spec.trackType);
      put(entry, 'security_level', spec.securityLevel);
      if (spec.hdcp !== undefined) entry.required_output_protection = { hdcp: spec.hdcp };
      put(entry, 'key', b64(spec.key));
      put(entry, 'key_id', b64(spec.keyId));
      return entry;
    });
  }
  put(out, 'use_policy_overrides_exclusively', input.usePolicyOverridesExclusively);
  if (input.policy !== undefined) out.policy_overrides = buildPolicy(input.policy);
  if (input.sessionInit !== undefined) {
    const init: Mutable<NonNullable<WidevineLicenseTemplate['session_init']>> = {};
    put(init, 'provider_session_token', b64(input.sessionInit.providerSessionToken));
    put(init, 'provider_client_token', b64(input.sessionInit.providerClientToken));
    put(init, 'override_provider_client_token', input.sessionInit.overrideProviderClientToken);
    out.session_init = init;
  }
  put(out, 'parse_only', input.parseOnly);
  return parseWidevineTemplate(out);
}

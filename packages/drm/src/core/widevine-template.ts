/**
 * The Widevine license request / template JSON (the license-proxy form), field names as on
 * the wire. Byte fields are standard base64 strings; durations are seconds (0 = unlimited).
 */
export interface WidevineLicenseTemplate {
  /** The CDM's license request (challenge), base64. */
  readonly payload?: string;
  /** Identifier used to look up the key id and content key of each track type, base64. */
  readonly content_id?: string;
  /** Used to look up content keys and policies. */
  readonly provider?: string;
  /** Name of a previously registered policy. */
  readonly policy_name?: string;
  /** Which content keys the license carries; exclusive with `content_key_specs`. */
  readonly allowed_track_types?: WidevineAllowedTrackTypes;
  /** Finer control over the returned keys; exclusive with `allowed_track_types`. */
  readonly content_key_specs?: readonly WidevineContentKeySpec[];
  /** Use only `policy_overrides`, ignoring any stored policy. */
  readonly use_policy_overrides_exclusively?: boolean;
  /** Policy settings for this license. */
  readonly policy_overrides?: WidevinePolicyOverrides;
  /** Data passed into the license. */
  readonly session_init?: WidevineSessionInit;
  /** Parse the request but issue no license. */
  readonly parse_only?: boolean;
}

/** One entry of `content_key_specs`. */
export interface WidevineContentKeySpec {
  /** Track type name. */
  readonly track_type?: WidevineTrackType;
  /** Client robustness required for playback, 1 (software white-box) … 5 (all in TEE). */
  readonly security_level?: WidevineSecurityLevel;
  /** Output protection required to play. */
  readonly required_output_protection?: { readonly hdcp: WidevineHdcp };
  /** Content key to inject, base64 of 16 bytes; needs `track_type` or `key_id`. */
  readonly key?: string;
  /** Key id, base64 of 16 bytes. */
  readonly key_id?: string;
}

/** The `policy_overrides` object. */
export interface WidevinePolicyOverrides {
  readonly can_play?: boolean;
  readonly can_persist?: boolean;
  readonly can_renew?: boolean;
  readonly license_duration_seconds?: number;
  readonly rental_duration_seconds?: number;
  readonly playback_duration_seconds?: number;
  readonly renewal_server_url?: string;
  readonly renewal_delay_seconds?: number;
  readonly renewal_retry_interval_seconds?: number;
  readonly renewal_recovery_duration_seconds?: number;
  readonly renew_with_usage?: boolean;
}

/** The `session_init` object. */
export interface WidevineSessionInit {
  /** Passed into the license and sent back with renewals, base64. */
  readonly provider_session_token?: string;
  /** Returned in the license response, kept beyond the session, base64. */
  readonly provider_client_token?: string;
  /** Always use `provider_client_token`, even when the request carries one. */
  readonly override_provider_client_token?: boolean;
}

/** Values of `allowed_track_types`. */
export const WidevineAllowedTrackTypes = { SD_ONLY: 'SD_ONLY', SD_HD: 'SD_HD' } as const;
/** A value of `allowed_track_types`. */
export type WidevineAllowedTrackTypes =
  (typeof WidevineAllowedTrackTypes)[keyof typeof WidevineAllowedTrackTypes];

/** Values of `content_key_specs[].track_type`. */
export const WidevineTrackType = {
  AUDIO: 'AUDIO',
  SD: 'SD',
  HD: 'HD',
  UHD1: 'UHD1',
  UHD2: 'UHD2',
} as const;
/** A value of `content_key_specs[].track_type`. */
export type WidevineTrackType = (typeof WidevineTrackType)[keyof typeof WidevineTrackType];

/** Values of `required_output_protection.hdcp`. */
export const WidevineHdcp = {
  HDCP_NONE: 'HDCP_NONE',
  HDCP_V1: 'HDCP_V1',
  HDCP_V2: 'HDCP_V2',
} as const;
/** A value of `required_output_protection.hdcp`. */
export type WidevineHdcp = (typeof WidevineHdcp)[keyof typeof WidevineHdcp];

/** `security_level`: 1 (software white-box crypto) … 5 (crypto, decode and media all in a TEE). */
export type WidevineSecurityLevel = 1 | 2 | 3 | 4 | 5;

/** The rules `parseWidevineTemplate` enforces; errors carry one in `details.rule`. */
export type WidevineTemplateRule =
  | 'json-object'
  | 'unknown-field'
  | 'field-type'
  | 'base64'
  | 'exclusive-track-selection'
  | 'allowed-track-types-value'
  | 'content-key-specs-non-empty'
  | 'track-type-value'
  | 'security-level-range'
  | 'hdcp-value'
  | 'key-16-bytes'
  | 'key-needs-track-type-or-key-id'
  | 'duration-non-negative-integer'
  | 'renewal-needs-can-renew'
  | 'renewal-url-https';

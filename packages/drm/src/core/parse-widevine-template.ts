import { LegatoError } from '@legato/errors';
import { decodeBase64 } from '@legato/isobmff';
import {
  WidevineAllowedTrackTypes,
  WidevineHdcp,
  type WidevineLicenseTemplate,
  type WidevineTemplateRule,
  WidevineTrackType,
} from './widevine-template.js';

/** Largest template text `parseWidevineTemplate` reads, in characters. */
export const MAX_WIDEVINE_TEMPLATE_CHARS = 256 * 1024;

type Json = Record<string, unknown>;

const TOP_FIELDS = new Set([
  'payload',
  'content_id',
  'provider',
  'policy_name',
  'allowed_track_types',
  'content_key_specs',
  'use_policy_overrides_exclusively',
  'policy_overrides',
  'session_init',
  'parse_only',
]);
const SPEC_FIELDS = new Set([
  'track_type',
  'security_level',
  'required_output_protection',
  'key',
  'key_id',
]);
const POLICY_BOOLEANS = ['can_play', 'can_persist', 'can_renew', 'renew_with_usage'] as const;
const DURATIONS = [
  'license_duration_seconds',
  'rental_duration_seconds',
  'playback_duration_seconds',
  'renewal_delay_seconds',
  'renewal_retry_interval_seconds',
  'renewal_recovery_duration_seconds',
] as const;
const POLICY_FIELDS = new Set<string>([...POLICY_BOOLEANS, ...DURATIONS, 'renewal_server_url']);
const SESSION_FIELDS = new Set([
  'provider_session_token',
  'provider_client_token',
  'override_provider_client_token',
]);
const RENEWAL_FIELDS = [
  'renewal_server_url',
  'renewal_delay_seconds',
  'renewal_retry_interval_seconds',
  'renewal_recovery_duration_seconds',
  'renew_with_usage',
] as const;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function invalid(
  field: string,
  rule: WidevineTemplateRule,
  expected: string,
  received: unknown,
): LegatoError {
  return new LegatoError(
    'LICENSE_TEMPLATE_INVALID',
    `${field}: expected ${expected} (rule ${rule}), received ${describe(received)}`,
    { details: { field, rule } },
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkObject(value: unknown, field: string, allowed: ReadonlySet<string>): Json {
  if (!isObject(value)) throw invalid(field, 'field-type', 'a JSON object', value);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key))
      throw invalid(
        field ? `${field}.${key}` : key,
        'unknown-field',
        `one of ${[...allowed].join(', ')}`,
        key,
      );
  }
  return value;
}

function checkType(json: Json, key: string, type: 'string' | 'boolean', path: string): void {
  const value = json[key];
  if (value !== undefined && typeof value !== type)
    throw invalid(path, 'field-type', `a ${type}`, value);
}

function checkBase64(json: Json, key: string, path: string, sixteen: boolean): void {
  const value = json[key];
  if (value === undefined) return;
  checkType(json, key, 'string', path);
  const bytes = decodeBase64(value as string);
  if (bytes === undefined) throw invalid(path, 'base64', 'base64 text', value);
  if (sixteen && bytes.length !== 16)
    throw invalid(path, 'key-16-bytes', 'base64 of exactly 16 bytes', `${bytes.length} bytes`);
}

function checkEnum(value: unknown, path: string, rule: WidevineTemplateRule, values: object): void {
  if (value !== undefined && !Object.values(values).includes(value)) {
    throw invalid(path, rule, `one of ${Object.values(values).join(', ')}`, value);
  }
}

function checkKeySpec(value: unknown, path: string): void {
  const spec = checkObject(value, path, SPEC_FIELDS);
  checkEnum(spec.track_type, `${path}.track_type`, 'track-type-value', WidevineTrackType);
  const level = spec.security_level;
  if (
    level !== undefined &&
    !(Number.isInteger(level) && (level as number) >= 1 && (level as number) <= 5)
  ) {
    throw invalid(
      `${path}.security_level`,
      'security-level-range',
      'an integer from 1 to 5',
      level,
    );
  }
  if (spec.required_output_protection !== undefined) {
    const protection = checkObject(
      spec.required_output_protection,
      `${path}.required_output_protection`,
      new Set(['hdcp']),
    );
    const hdcp = protection.hdcp;
    if (hdcp === undefined)
      throw invalid(
        `${path}.required_output_protection.hdcp`,
        'hdcp-value',
        'one of HDCP_NONE, HDCP_V1, HDCP_V2',
        hdcp,
      );
    checkEnum(hdcp, `${path}.required_output_protection.hdcp`, 'hdcp-value', WidevineHdcp);
  }
  checkBase64(spec, 'key', `${path}.key`, true);
  checkBase64(spec, 'key_id', `${path}.key_id`, true);
  if (spec.key !== undefined && spec.track_type === undefined && spec.key_id === undefined) {
    throw invalid(
      `${path}.key`,
      'key-needs-track-type-or-key-id',
      'track_type or key_id beside a key',
      'a key alone',
    );
  }
}

function checkPolicy(value: unknown): void {
  const policy = checkObject(value, 'policy_overrides', POLICY_FIELDS);
  for (const key of POLICY_BOOLEANS) checkType(policy, key, 'boolean', `policy_overrides.${key}`);
  for (const key of DURATIONS) {
    const seconds = policy[key];
    if (seconds !== undefined && !(Number.isSafeInteger(seconds) && (seconds as number) >= 0)) {
      throw invalid(
        `policy_overrides.${key}`,
        'duration-non-negative-integer',
        'a non-negative integer number of seconds (0 = unlimited)',
        seconds,
      );
    }
  }
  checkType(policy, 'renewal_server_url', 'string', 'policy_overrides.renewal_server_url');
  const url = policy.renewal_server_url as string | undefined;
  if (url !== undefined && !/^https:\/\/[^/?#\s]+/i.test(url)) {
    throw invalid(
      'policy_overrides.renewal_server_url',
      'renewal-url-https',
      'an absolute https URL',
      url.replace(/\?.*$/, '?…'),
    );
  }
  if (policy.can_renew !== true) {
    for (const key of RENEWAL_FIELDS) {
      const set = policy[key];
      if (set !== undefined && set !== 0 && set !== false) {
        throw invalid(
          `policy_overrides.${key}`,
          'renewal-needs-can-renew',
          'it only with can_renew: true',
          `${key} set while can_renew is ${describe(policy.can_renew)}`,
        );
      }
    }
  }
}

/**
 * Parses and validates a Widevine license template / license-proxy request (JSON text or an
 * already parsed value) against the spec's rules.
 *
 * @throws LegatoError `LICENSE_TEMPLATE_INVALID` naming the field and the rule
 *   (`details: { field, rule }`, rule ∈ {@link WidevineTemplateRule}).
 */
export function parseWidevineTemplate(json: unknown): WidevineLicenseTemplate {
  let value = json;
  if (typeof json === 'string') {
    if (json.length > MAX_WIDEVINE_TEMPLATE_CHARS) {
      throw invalid(
        '(template)',
        'json-object',
        `at most ${MAX_WIDEVINE_TEMPLATE_CHARS} characters`,
        `${json.length} characters`,
      );
    }
    try {
      value = JSON.parse(json);
    } catch {
      throw invalid('(template)', 'json-object', 'JSON text', json.slice(0, 40));
    }
  }
  if (!isObject(value)) throw invalid('(template)', 'json-object', 'a JSON object', value);
  const template = checkObject(value, '', TOP_FIELDS);
  checkBase64(template, 'payload', 'payload', false);
  checkBase64(template, 'content_id', 'content_id', false);
  checkType(template, 'provider', 'string', 'provider');
  checkType(template, 'policy_name', 'string', 'policy_name');
  checkType(
    template,
    'use_policy_overrides_exclusively',
    'boolean',
    'use_policy_overrides_exclusively',
  );
  checkType(template, 'parse_only', 'boolean', 'parse_only');
  if (template.allowed_track_types !== undefined && template.content_key_specs !== undefined) {
    throw invalid(
      'content_key_specs',
      'exclusive-track-selection',
      'only one of allowed_track_types and content_key_specs',
      'both',
    );
  }
  checkEnum(
    template.allowed_track_types,
    'allowed_track_types',
    'allowed-track-types-value',
    WidevineAllowedTrackTypes,
  );
  const specs = template.content_key_specs;
  if (specs !== undefined) {
    if (!Array.isArray(specs)) throw invalid('content_key_specs', 'field-type', 'an array', specs);
    if (specs.length === 0)
      throw invalid(
        'content_key_specs',
        'content-key-specs-non-empty',
        'at least one entry',
        specs,
      );
    for (const [i, spec] of specs.entries()) checkKeySpec(spec, `content_key_specs[${i}]`);
  }
  if (template.policy_overrides !== undefined) checkPolicy(template.policy_overrides);
  if (template.session_init !== undefined) {
    const init = checkObject(template.session_init, 'session_init', SESSION_FIELDS);
    checkBase64(init, 'provider_session_token', 'session_init.provider_session_token', false);
    checkBase64(init, 'provider_client_token', 'session_init.provider_client_token', false);
    checkType(
      init,
      'override_provider_client_token',
      'boolean',
      'session_init.override_provider_client_token',
    );
  }
  return template as WidevineLicenseTemplate;
}

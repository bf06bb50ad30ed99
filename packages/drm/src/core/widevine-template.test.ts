import {
  buildWidevineTemplate,
  DEFAULT_LICENSE_POLICY,
  parseWidevineTemplate,
  toLicensePolicy,
} from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';

const KEY_ID_B64 = 'ABEiM0RVZneImaq7zN3u/w==';

function ruleOf(run: () => unknown): { rule: unknown; field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (isLegatoError(error) && error.code === 'LICENSE_TEMPLATE_INVALID') {
      return { rule: error.details?.rule, field: error.details?.field, message: error.message };
    }
    throw error;
  }
  throw new Error('expected LICENSE_TEMPLATE_INVALID');
}

describe('parseWidevineTemplate', () => {
  it('reads the spec example shape (policy overrides, key specs, session init)', () => {
    const template = parseWidevineTemplate(
      JSON.stringify({
        payload: 'CAES',
        content_id: 'Y29udGVudA==',
        provider: 'legato',
        content_key_specs: [
          {
            track_type: 'AUDIO',
            security_level: 1,
            required_output_protection: { hdcp: 'HDCP_NONE' },
            key_id: KEY_ID_B64,
          },
        ],
        policy_overrides: {
          can_play: true,
          can_renew: true,
          license_duration_seconds: 600,
          renewal_delay_seconds: 300,
          renewal_server_url: 'https://renew.example/wv',
        },
        session_init: { provider_session_token: 'dG9rZW4=' },
        parse_only: false,
      }),
    );
    expect(template.content_key_specs?.[0]?.track_type).toBe('AUDIO');
    expect(toLicensePolicy(template)).toEqual({
      ...DEFAULT_LICENSE_POLICY,
      canPlay: true,
      canRenew: true,
      licenseDurationS: 600,
      renewalDelayS: 300,
      renewalServerUrl: 'https://renew.example/wv',
    });
  });

  it('accepts the empty template (every default)', () => {
    expect(parseWidevineTemplate('{}')).toEqual({});
    expect(toLicensePolicy({})).toEqual(DEFAULT_LICENSE_POLICY);
  });

  it.each([
    ['json-object', '(template)', '[1, 2]'],
    ['json-object', '(template)', '{not json'],
    [
      'unknown-field',
      'policy_overrides.can persist',
      { policy_overrides: { 'can persist': true } },
    ],
    ['field-type', 'parse_only', { parse_only: 'yes' }],
    ['base64', 'payload', { payload: '***' }],
    [
      'exclusive-track-selection',
      'content_key_specs',
      { allowed_track_types: 'SD_HD', content_key_specs: [{ track_type: 'SD' }] },
    ],
    ['allowed-track-types-value', 'allowed_track_types', { allowed_track_types: 'SD_UHD9' }],
    ['content-key-specs-non-empty', 'content_key_specs', { content_key_specs: [] }],
    [
      'track-type-value',
      'content_key_specs[0].track_type',
      { content_key_specs: [{ track_type: 'VIDEO' }] },
    ],
    [
      'security-level-range',
      'content_key_specs[0].security_level',
      { content_key_specs: [{ track_type: 'SD', security_level: 6 }] },
    ],
    [
      'hdcp-value',
      'content_key_specs[0].required_output_protection.hdcp',
      {
        content_key_specs: [{ track_type: 'SD', required_output_protection: { hdcp: 'HDCP_V3' } }],
      },
    ],
    ['key-16-bytes', 'content_key_specs[0].key_id', { content_key_specs: [{ key_id: 'AAAA' }] }],
    [
      'key-needs-track-type-or-key-id',
      'content_key_specs[0].key',
      { content_key_specs: [{ key: KEY_ID_B64 }] },
    ],
    [
      'duration-non-negative-integer',
      'policy_overrides.license_duration_seconds',
      { policy_overrides: { license_duration_seconds: -1 } },
    ],
    [
      'duration-non-negative-integer',
      'policy_overrides.rental_duration_seconds',
      { policy_overrides: { rental_duration_seconds: 1.5 } },
    ],
    [
      'renewal-needs-can-renew',
      'policy_overrides.renewal_delay_seconds',
      { policy_overrides: { renewal_delay_seconds: 30 } },
    ],
    [
      'renewal-url-https',
      'policy_overrides.renewal_server_url',
      {
        policy_overrides: {
          can_renew: true,
          renewal_server_url: 'http://renew.example/?token=s3cret',
        },
      },
    ],
  ])('rejects a %s violation naming %s', (rule, field, json) => {
    const error = ruleOf(() =>
      parseWidevineTemplate(typeof json === 'string' ? json : JSON.stringify(json)),
    );
    expect(error.rule).toBe(rule);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`rule ${rule}`);
    expect(error.message).not.toContain('s3cret');
  });
});

describe('buildWidevineTemplate', () => {
  it('writes bytes as base64 and policy fields as policy_overrides', () => {
    const template = buildWidevineTemplate({
      payload: new Uint8Array([8, 1, 18]),
      contentKeySpecs: [
        {
          trackType: 'AUDIO',
          keyId: new Uint8Array(16).fill(1),
          hdcp: 'HDCP_V1',
          securityLevel: 3,
        },
      ],
      policy: { canPlay: true, licenseDurationS: 60 },
    });
    expect(template).toEqual({
      payload: 'CAES',
      content_key_specs: [
        {
          track_type: 'AUDIO',
          security_level: 3,
          required_output_protection: { hdcp: 'HDCP_V1' },
          key_id: 'AQEBAQEBAQEBAQEBAQEBAQ==',
        },
      ],
      policy_overrides: { can_play: true, license_duration_seconds: 60 },
    });
  });

  it('refuses input that breaks a rule', () => {
    expect(
      ruleOf(() => buildWidevineTemplate({ contentKeySpecs: [{ key: new Uint8Array(16) }] })).rule,
    ).toBe('key-needs-track-type-or-key-id');
    expect(
      ruleOf(() => buildWidevineTemplate({ contentKeySpecs: [{ keyId: new Uint8Array(8) }] })).rule,
    ).toBe('key-16-bytes');
  });
});

import { fc, test } from '@fast-check/vitest';
import {
  buildWidevineTemplate,
  parseWidevineTemplate,
  type WidevineKeySpecInput,
  type WidevineLicenseTemplate,
  type WidevineTemplateInput,
  type WidevineTemplateRule,
} from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import { expect } from 'vitest';

const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const seconds = fc.nat(10 * 365 * 24 * 3600);

const keySpec: fc.Arbitrary<WidevineKeySpecInput> = fc
  .record(
    {
      trackType: fc.constantFrom(
        'AUDIO' as const,
        'SD' as const,
        'HD' as const,
        'UHD1' as const,
        'UHD2' as const,
      ),
      securityLevel: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
      hdcp: fc.constantFrom('HDCP_NONE' as const, 'HDCP_V1' as const, 'HDCP_V2' as const),
      keyId: bytes16,
      key: bytes16,
    },
    { requiredKeys: [] },
  )
  .filter(
    (spec) => spec.key === undefined || spec.trackType !== undefined || spec.keyId !== undefined,
  );

const policy = fc.oneof(
  fc.record(
    {
      canPlay: fc.boolean(),
      canPersist: fc.boolean(),
      canRenew: fc.constant(false),
      licenseDurationS: seconds,
      rentalDurationS: seconds,
      playbackDurationS: seconds,
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      canPlay: fc.boolean(),
      canRenew: fc.constant(true),
      licenseDurationS: seconds,
      renewalServerUrl: fc.webUrl({ validSchemes: ['https'] }),
      renewalDelayS: seconds,
      renewalRetryIntervalS: seconds,
      renewalRecoveryDurationS: seconds,
      renewWithUsage: fc.boolean(),
    },
    { requiredKeys: ['canRenew'] },
  ),
);

const input: fc.Arbitrary<WidevineTemplateInput> = fc
  .record(
    {
      payload: fc.uint8Array({ maxLength: 64 }),
      contentId: fc.uint8Array({ maxLength: 32 }),
      provider: fc.string({ maxLength: 20 }),
      policyName: fc.string({ maxLength: 20 }),
      tracks: fc.oneof(
        fc
          .constantFrom('SD_ONLY' as const, 'SD_HD' as const)
          .map((allowedTrackTypes) => ({ allowedTrackTypes })),
        fc
          .array(keySpec, { minLength: 1, maxLength: 4 })
          .map((contentKeySpecs) => ({ contentKeySpecs })),
      ),
      usePolicyOverridesExclusively: fc.boolean(),
      policy,
      sessionInit: fc.record(
        {
          providerSessionToken: fc.uint8Array({ maxLength: 24 }),
          providerClientToken: fc.uint8Array({ maxLength: 24 }),
          overrideProviderClientToken: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      parseOnly: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map(({ tracks, ...rest }) => ({ ...rest, ...tracks }));

test.prop([input], { numRuns: 200 })(
  'the validator accepts every template the builder makes',
  (spec) => {
    const built = buildWidevineTemplate(spec);
    expect(parseWidevineTemplate(JSON.stringify(built))).toEqual(built);
  },
);

type Json = Record<string, unknown>;
const b64 = (n: number) => Buffer.from(new Uint8Array(n)).toString('base64');
const withSpecs = (t: Json, specs: unknown): Json => {
  const { allowed_track_types: _drop, ...rest } = t;
  return { ...rest, content_key_specs: specs };
};
const withPolicy = (t: Json, extra: Json): Json => ({
  ...t,
  policy_overrides: { ...(t.policy_overrides as Json | undefined), ...extra },
});

/** One mutation per rule; each breaks that rule only. */
const violations: readonly [WidevineTemplateRule, (t: Json) => unknown][] = [
  ['json-object', () => '"a string"'],
  ['unknown-field', (t) => ({ ...t, can_fly: true })],
  ['field-type', (t) => ({ ...t, parse_only: 'true' })],
  ['base64', (t) => ({ ...t, payload: 'not base64!' })],
  [
    'exclusive-track-selection',
    (t) => ({ ...t, allowed_track_types: 'SD_HD', content_key_specs: [{ track_type: 'SD' }] }),
  ],
  [
    'allowed-track-types-value',
    (t) => ({
      ...withSpecs(t, undefined),
      content_key_specs: undefined,
      allowed_track_types: 'HD_ONLY',
    }),
  ],
  ['content-key-specs-non-empty', (t) => withSpecs(t, [])],
  ['track-type-value', (t) => withSpecs(t, [{ track_type: 'VIDEO' }])],
  ['security-level-range', (t) => withSpecs(t, [{ track_type: 'SD', security_level: 0 }])],
  [
    'hdcp-value',
    (t) => withSpecs(t, [{ track_type: 'SD', required_output_protection: { hdcp: 'HDCP_V3' } }]),
  ],
  ['key-16-bytes', (t) => withSpecs(t, [{ track_type: 'SD', key: b64(15) }])],
  ['key-needs-track-type-or-key-id', (t) => withSpecs(t, [{ key: b64(16) }])],
  ['duration-non-negative-integer', (t) => withPolicy(t, { license_duration_seconds: -5 })],
  [
    'renewal-needs-can-renew',
    (t) => withPolicy(t, { can_renew: false, renewal_delay_seconds: 10 }),
  ],
  [
    'renewal-url-https',
    (t) => withPolicy(t, { can_renew: true, renewal_server_url: 'ftp://x.example/' }),
  ],
];

test.prop([input, fc.constantFrom(...violations)], { numRuns: 200 })(
  'the validator rejects each single-rule violation with that rule',
  (spec, [rule, mutate]) => {
    const built = JSON.parse(
      JSON.stringify(buildWidevineTemplate(spec)),
    ) as WidevineLicenseTemplate as Json;
    const mutated = mutate(built);
    let caught: unknown;
    try {
      parseWidevineTemplate(typeof mutated === 'string' ? mutated : JSON.stringify(mutated));
    } catch (error) {
      caught = error;
    }
    expect(isLegatoError(caught) && caught.code).toBe('LICENSE_TEMPLATE_INVALID');
    expect(isLegatoError(caught) && caught.details?.rule).toBe(rule);
  },
);

import {
  buildWidevineTemplate,
  parseWidevineTemplate,
  toLicensePolicy,
  WidevineTrackType,
} from '@legato/drm';
import { hasErrorCode } from '@legato/errors';
import { expect, it } from 'vitest';

it('builds, validates and interprets a Widevine license template', () => {
  // #region build-template
  const template = buildWidevineTemplate({
    contentId: new TextEncoder().encode('B00MAZ814K'),
    provider: 'my_provider',
    contentKeySpecs: [{ trackType: WidevineTrackType.AUDIO, securityLevel: 1 }],
    policy: {
      canPlay: true,
      canRenew: true,
      licenseDurationS: 3600,
      renewalDelayS: 3000,
      renewalRetryIntervalS: 60,
      renewalRecoveryDurationS: 300,
    },
  });
  const body = JSON.stringify(template); // what a Widevine license proxy receives
  // #endregion
  // #region parse-template
  const parsed = parseWidevineTemplate(body); // validates every rule of the spec
  const policy = toLicensePolicy(parsed); // what licenseSession$ honours, in seconds
  // policy.licenseDurationS === 3600, policy.renewalDelayS === 3000, 0 would mean unlimited
  try {
    parseWidevineTemplate({ allowed_track_types: 'SD_ONLY', content_key_specs: [] });
  } catch (error) {
    if (!hasErrorCode(error, 'LICENSE_TEMPLATE_INVALID')) throw error;
    console.warn(error.message); // names the field and the rule it breaks
  }
  // #endregion
  expect(parsed.content_key_specs?.[0]?.track_type).toBe('AUDIO');
  expect(policy).toMatchObject({
    canPlay: true,
    canRenew: true,
    licenseDurationS: 3600,
    renewalDelayS: 3000,
  });
  expect(() =>
    parseWidevineTemplate({ allowed_track_types: 'SD_ONLY', content_key_specs: [] }),
  ).toThrowError(/allowed_track_types|content_key_specs/);
});

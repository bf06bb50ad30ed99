import { planLicenseTimers, recoveryDeadlineMs, toLicensePolicy } from '@legato/drm';
import { describe, expect, it } from 'vitest';

const INF = Number.POSITIVE_INFINITY;

describe('planLicenseTimers', () => {
  it('without a policy renews renewalLeadMs before the CDM expiration', () => {
    expect(
      planLicenseTimers({
        nowMs: 0,
        cdmExpirationMs: 60_000,
        policy: undefined,
        renewalLeadMs: 30_000,
      }),
    ).toEqual({
      expiresAtMs: 60_000,
      renewAtMs: 30_000,
    });
  });

  it('never renews earlier than half the remaining lifetime', () => {
    expect(
      planLicenseTimers({
        nowMs: 0,
        cdmExpirationMs: 20_000,
        policy: undefined,
        renewalLeadMs: 30_000,
      }).renewAtMs,
    ).toBe(10_000);
  });

  it('treats NaN expiration and 0 durations as unlimited', () => {
    const policy = toLicensePolicy({
      policy_overrides: { can_renew: true, license_duration_seconds: 0 },
    });
    expect(
      planLicenseTimers({ nowMs: 5, cdmExpirationMs: Number.NaN, policy, renewalLeadMs: 30_000 }),
    ).toEqual({
      expiresAtMs: INF,
      renewAtMs: INF,
    });
  });

  it('takes the earliest of CDM expiration, license and rental duration', () => {
    const policy = toLicensePolicy({
      policy_overrides: { license_duration_seconds: 100, rental_duration_seconds: 50 },
    });
    expect(
      planLicenseTimers({ nowMs: 1000, cdmExpirationMs: 200_000, policy, renewalLeadMs: 0 }),
    ).toEqual({
      expiresAtMs: 51_000,
      renewAtMs: INF,
    });
  });

  it('uses renewal_delay_seconds when the policy allows renewal', () => {
    const policy = toLicensePolicy({
      policy_overrides: {
        can_renew: true,
        license_duration_seconds: 600,
        renewal_delay_seconds: 120,
      },
    });
    expect(
      planLicenseTimers({ nowMs: 0, cdmExpirationMs: Number.NaN, policy, renewalLeadMs: 30_000 })
        .renewAtMs,
    ).toBe(120_000);
  });
});

describe('recoveryDeadlineMs', () => {
  it("adds the policy's recovery window; the default one without it, for 0 (unlimited) or without can_renew", () => {
    const renewing = (s: number) =>
      toLicensePolicy({
        policy_overrides: { can_renew: true, renewal_recovery_duration_seconds: s },
      });
    const noRenew = toLicensePolicy({
      policy_overrides: { can_renew: false, renewal_recovery_duration_seconds: 0 },
    });
    expect(recoveryDeadlineMs(60_000, renewing(30), 5_000)).toBe(90_000);
    expect(recoveryDeadlineMs(60_000, renewing(0), 5_000)).toBe(65_000); // bounded, never INF
    expect(recoveryDeadlineMs(60_000, noRenew, 5_000)).toBe(65_000);
    expect(recoveryDeadlineMs(60_000, undefined, 5_000)).toBe(65_000);
    expect(recoveryDeadlineMs(INF, undefined, 5_000)).toBe(INF);
  });
});

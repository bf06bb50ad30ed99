import { DEFAULT_LICENSE_POLICY, type LicensePolicy } from './license-policy.js';
import type { WidevineLicenseTemplate } from './widevine-template.js';

/**
 * The policy a session honours for a (validated) Widevine template: `policy_overrides`
 * over the Widevine defaults (every flag false, 0 = unlimited duration).
 * Renewal fields count only when `can_renew` is true.
 */
export function toLicensePolicy(template: WidevineLicenseTemplate): LicensePolicy {
  const o = template.policy_overrides ?? {};
  const d = DEFAULT_LICENSE_POLICY;
  const canRenew = o.can_renew ?? d.canRenew;
  return {
    canPlay: o.can_play ?? d.canPlay,
    canPersist: o.can_persist ?? d.canPersist,
    canRenew,
    licenseDurationS: o.license_duration_seconds ?? d.licenseDurationS,
    rentalDurationS: o.rental_duration_seconds ?? d.rentalDurationS,
    playbackDurationS: o.playback_duration_seconds ?? d.playbackDurationS,
    ...(canRenew && o.renewal_server_url !== undefined
      ? { renewalServerUrl: o.renewal_server_url }
      : {}),
    renewalDelayS: canRenew ? (o.renewal_delay_seconds ?? d.renewalDelayS) : 0,
    renewalRetryIntervalS: canRenew
      ? (o.renewal_retry_interval_seconds ?? d.renewalRetryIntervalS)
      : 0,
    renewalRecoveryDurationS: canRenew
      ? (o.renewal_recovery_duration_seconds ?? d.renewalRecoveryDurationS)
      : 0,
    renewWithUsage: canRenew && (o.renew_with_usage ?? d.renewWithUsage),
  };
}

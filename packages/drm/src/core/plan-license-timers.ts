import type { LicensePolicy } from './license-policy.js';

/** Inputs of {@link planLicenseTimers}; every time is epoch (scheduler) milliseconds. */
export interface LicenseTimerInputs {
  /** When the license was installed (scheduler time), ms. */
  readonly nowMs: number;
  /** The CDM session's `expiration`, ms; `NaN` when the CDM reports none. */
  readonly cdmExpirationMs: number;
  /** The license policy, when the integrator knows it (e.g. from the Widevine template). */
  readonly policy: LicensePolicy | undefined;
  /** How long before expiry to renew when the policy gives no renewal delay, ms. */
  readonly renewalLeadMs: number;
}

/** When a license stops working and when to renew it; `Infinity` = never. */
export interface LicenseTimers {
  /** The earliest of the CDM expiration and the policy's license/rental duration, ms. */
  readonly expiresAtMs: number;
  /** When to start renewing, ms; `Infinity` when the license is not renewed. */
  readonly renewAtMs: number;
}

function secondsToDeadline(startMs: number, durationS: number): number {
  return durationS > 0 ? startMs + durationS * 1000 : Number.POSITIVE_INFINITY;
}

/**
 * Plans expiry and renewal of a freshly installed license.
 * - expiry: min(CDM `expiration`, start + license_duration, start + rental_duration);
 * - renewal: none when the policy says `canRenew: false`; at start + renewal_delay when the
 *   policy gives one; otherwise `renewalLeadMs` before expiry (never more than half of the
 *   remaining lifetime), which is how a license without a known policy (Amazon) is refreshed.
 */
export function planLicenseTimers(inputs: LicenseTimerInputs): LicenseTimers {
  const { nowMs, cdmExpirationMs, policy, renewalLeadMs } = inputs;
  const cdmExpiry = Number.isFinite(cdmExpirationMs) ? cdmExpirationMs : Number.POSITIVE_INFINITY;
  const expiresAtMs = Math.min(
    cdmExpiry,
    secondsToDeadline(nowMs, policy?.licenseDurationS ?? 0),
    secondsToDeadline(nowMs, policy?.rentalDurationS ?? 0),
  );
  let renewAtMs = Number.POSITIVE_INFINITY;
  if (policy?.canRenew === true && policy.renewalDelayS > 0) {
    renewAtMs = nowMs + policy.renewalDelayS * 1000;
  } else if (policy?.canRenew !== false && Number.isFinite(expiresAtMs)) {
    const remainingMs = Math.max(0, expiresAtMs - nowMs);
    renewAtMs = expiresAtMs - Math.min(renewalLeadMs, remainingMs / 2);
  }
  return { expiresAtMs, renewAtMs };
}

/**
 * How long a session may try to get a usable key again once its key expired (or
 * re-acquisition was asked for), ms: the policy's `renewal_recovery_duration_seconds` when the
 * policy allows renewal and gives one; otherwise `defaultWindowMs` (no policy, no renewal, or
 * 0 = "unlimited" in the Widevine spec, which legato bounds so nothing waits forever).
 */
export function recoveryWindowMs(
  policy: LicensePolicy | undefined,
  defaultWindowMs: number,
): number {
  if (policy?.canRenew && policy.renewalRecoveryDurationS > 0)
    return policy.renewalRecoveryDurationS * 1000;
  return defaultWindowMs;
}

/**
 * The recovery deadline of a license that expires at `expiresAtMs`: by then the session has a
 * usable key again (a renewal or a new license) or fails with `CDM_KEY_EXPIRED`. Always finite
 * for a finite expiry: `expiresAtMs` plus the policy's `renewal_recovery_duration_seconds` when it
 * allows renewal and gives one, else `defaultWindowMs`.
 */
export function recoveryDeadlineMs(
  expiresAtMs: number,
  policy: LicensePolicy | undefined,
  defaultWindowMs: number,
): number {
  return expiresAtMs + recoveryWindowMs(policy, defaultWindowMs);
}

/**
 * The license policy the session lifecycle honours (the Widevine `policy_overrides`, in
 * legato's units). Durations are seconds; `0` means unlimited, as in the Widevine spec.
 * Build one from a template with `toLicensePolicy`.
 */
export interface LicensePolicy {
  /** Playback is allowed. */
  readonly canPlay: boolean;
  /** The license may be stored for offline use. */
  readonly canPersist: boolean;
  /** The license may be extended by renewal (heartbeat). */
  readonly canRenew: boolean;
  /** Lifetime of this license from its start, seconds; 0 = unlimited. */
  readonly licenseDurationS: number;
  /** Window in which playback may happen, seconds; 0 = unlimited. */
  readonly rentalDurationS: number;
  /** Viewing window once playback started, seconds; 0 = unlimited. */
  readonly playbackDurationS: number;
  /** Where renewal requests go instead of the license URL (only with `canRenew`). */
  readonly renewalServerUrl?: string;
  /** Seconds from license start to the first renewal attempt (only with `canRenew`). */
  readonly renewalDelayS: number;
  /** Seconds between renewal attempts after a failed one (only with `canRenew`). */
  readonly renewalRetryIntervalS: number;
  /** Seconds playback may go on while renewals fail, after expiry; 0 = unlimited. */
  readonly renewalRecoveryDurationS: number;
  /** Send a renewal as soon as playback starts (only with `canRenew`). */
  readonly renewWithUsage: boolean;
}

/**
 * The Widevine spec's defaults: every flag false (including `can_play`), durations 0
 * (unlimited).
 */
export const DEFAULT_LICENSE_POLICY: LicensePolicy = {
  canPlay: false,
  canPersist: false,
  canRenew: false,
  licenseDurationS: 0,
  rentalDurationS: 0,
  playbackDurationS: 0,
  renewalDelayS: 0,
  renewalRetryIntervalS: 0,
  renewalRecoveryDurationS: 0,
  renewWithUsage: false,
};

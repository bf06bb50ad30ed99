/** The decision rule of an {@link AbrController}. */
export const AbrAlgorithm = {
  /** Highest rung under the safety factor (`safetyFactor` → `fullBufferSafetyFactor`) × the bandwidth estimate. */
  Throughput: 'throughput',
  /** BOLA-E (Spiteri et al.): buffer-based Lyapunov rule with ln(bitrate) utility and placeholder buffer. */
  Bola: 'bola',
  /** Throughput while the buffer is low, BOLA-E once it is healthy (like dash.js DYNAMIC). */
  Dynamic: 'dynamic',
} as const;
/** The decision rule of an {@link AbrController}. */
export type AbrAlgorithm = (typeof AbrAlgorithm)[keyof typeof AbrAlgorithm];

/** How the first segment's rung is chosen (see {@link AbrConfig.startupRule}). */
export const AbrStartupRule = {
  /**
   * The lowest rung, then climb on measured throughput: first audio as soon as the network can
   * bring it (the time-to-first-audio floor), whatever the default estimate says.
   */
  Lowest: 'lowest',
  /** The highest rung under `startupSafetyFactor` × the estimate (the default estimate until measured). */
  Throughput: 'throughput',
} as const;
/** How the first segment's rung is chosen. */
export type AbrStartupRule = (typeof AbrStartupRule)[keyof typeof AbrStartupRule];

/** Options of `createAbrController`. Every field is optional; see {@link DEFAULT_ABR_CONFIG}. */
export interface AbrConfig {
  /** The decision rule. @default 'dynamic' */
  readonly algorithm?: AbrAlgorithm;
  /**
   * Fraction of the estimate a rung may use with at most `safetyRampFromS` buffered, in (0, 1];
   * it grows linearly to `fullBufferSafetyFactor` at the buffer target. A low buffer cannot
   * absorb a rung the link only just carries; a full one can, and holding back there only costs
   * quality. Also the fraction a rung re-requested after an abandonment may use.
   * Tuning set, against a fixed 0.9: mean QoE vs the best baseline's 1.302 → 1.330 × (Amazon),
   * 1.382 → 1.409 × (music), 1.046 → 1.053 × (movie), Norway 3G movie rebuffering 31.81 →
   * 31.68 s (ExoPlayer 31.75 s; see docs/guides/tune-abr.md). @default 0.7
   */
  readonly safetyFactor?: number;
  /** The safety factor at the buffer target (see `safetyFactor`), in (0, 1]. @default 1 */
  readonly fullBufferSafetyFactor?: number;
  /** Buffer level up to which `safetyFactor` holds, seconds; the ramp starts there. @default 10 */
  readonly safetyRampFromS?: number;
  /**
   * How the first segment's rung is chosen: `'lowest'` (then climb on the first measured
   * segment) or `'throughput'` (highest rung under `startupSafetyFactor` × estimate, which is
   * the default estimate until something was measured). `'lowest'` brings first audio at the
   * floor (median time to first audio / floor 1.00 vs 1.47 on the QoE bench's tuning set) and,
   * with the estimator trusting its first 16 kB, loses nothing after: see docs/guides/tune-abr.md.
   * @default 'lowest'
   */
  readonly startupRule?: AbrStartupRule;
  /** `startupRule: 'throughput'`: fraction of the estimate the first rung may use, in (0, 1]. @default 0.5 */
  readonly startupSafetyFactor?: number;
  /**
   * Hysteresis of the throughput rule: an up-switch needs
   * `bitsPerSecond × upSwitchHeadroom ≤ safetyFactor × estimate`, while a down-switch happens as
   * soon as the current rung is above `safetyFactor × estimate`. @default 1.1
   */
  readonly upSwitchHeadroom?: number;
  /**
   * Dwell: no up-switch within this many seconds (of `nowS`) after the last switch. Off by
   * default: with 10 s segments the headroom and BOLA-O already stop oscillation, and the QoE
   * bench measured any dwell as lost quality. @default 0
   */
  readonly minUpSwitchIntervalS?: number;
  /**
   * No up-switch with less than this much buffered, seconds — ExoPlayer's
   * `minDurationForQualityIncreaseMs` (`AdaptiveTrackSelection`, 10 s). A segment fetched on a
   * thin buffer must arrive before a dip does: small segments refill the buffer in a fraction of
   * the time a large one takes, so the window in which a dip turns into a stall stays short.
   * Capped at the buffer target less one segment (the highest level a decision sees), so a small
   * target still climbs. Off by default: it removes the early stalls of a top rung started on a
   * thin buffer just before a dip (tuning set extended to seeds 0–299, Sabre movie ladder, Wi-Fi
   * flaky: 0.025 → 0 s), but holding the low rung until 10 s costs more quality than the stalls
   * (QoE vs ExoPlayer 1.010 → 0.981 on that class, 1.014 → 0.989 on 4G; Norway 3G rebuffering
   * 31.68 → 32.27 s on the 50-seed tuning set); `pnpm bench qoe` shows the trade-off. @default 0
   */
  readonly minBufferForUpSwitchS?: number;
  /**
   * Startup fill, seconds: until the buffer has once reached this level (capped, like
   * `minBufferForUpSwitchS`, at the target less one segment), a rung is chosen only if its
   * segment arrives, at the estimate, within `startupDeadlineFraction` of the buffer — the
   * buffer grows by most of every segment, so a few quick segments build it before a large one
   * is risked on an estimate of one or two samples. In `dynamic` mode BOLA takes over only after
   * the fill. Acts once per session (again after `reset()`); 0 turns it off. It matters with
   * short segments: with 10 s segments one segment already fills 6 s. Tuning set extended to
   * seeds 0–299 (Sabre movie ladder, 3 s segments), against no fill: Wi-Fi-flaky rebuffering
   * 0.025 → 0.003 s, 3G 0.119 → 0.088 s, mean QoE vs the best baseline 1.0475 → 1.0470
   * (50-seed tuning set: 1.0531 → 1.0519, no early stall to remove there); see
   * docs/guides/tune-abr.md. @default 6
   */
  readonly startupBufferS?: number;
  /**
   * During the startup fill (`startupBufferS`): the fraction of the buffer a segment may take to
   * arrive at the estimate, in [0, 1] (0 holds the lowest rung until the fill is over). Tuning
   * set (50 seeds, Sabre movie ladder), mean QoE vs the best baseline: 1.0479 at 0, 1.0502 at
   * 0.1, 1.0519 at 0.2, 1.0530 at 0.3 — but at 0.3 the extended set's Wi-Fi-flaky rebuffering
   * is back to 0.012 s (0.003 s at 0.2). @default 0.2
   */
  readonly startupDeadlineFraction?: number;
  /**
   * A rung is chosen only if its segment, at the estimate, arrives within this fraction of the
   * buffer; otherwise the next lower rung is tried (down to the lowest). Keeps half the buffer
   * as a reserve against a throughput drop in the middle of a long audio segment. @default 0.5
   */
  readonly fetchDeadlineFraction?: number;
  /** BOLA's lowest-rung threshold, in segments of buffer (scales with segment duration). @default 1 */
  readonly bolaLowBufferSegments?: number;
  /**
   * BOLA's top-rung threshold, in segments of buffer. Every threshold stays at least half a
   * segment under the highest level a decision sees (buffer target − 1 segment, as the next
   * request waits for room) — a small cap compresses the thresholds, never puts one out of
   * reach — and the low one half a segment under the top one. @default 2
   */
  readonly bolaHighBufferSegments?: number;
  /**
   * Floor of BOLA's lowest-rung threshold, seconds: with short segments (2–4 s) thresholds in
   * segments alone would let BOLA climb on a few seconds of buffer. Tuned on the QoE bench's
   * tuning set (with 10 s segments and the 40 s goal the thresholds are 20 s and 25 s). @default 20
   */
  readonly bolaLowBufferMinS?: number;
  /** Floor of BOLA's top-rung threshold, seconds (see `bolaLowBufferMinS`). @default 25 */
  readonly bolaHighBufferMinS?: number;
  /** Dynamic: switch to BOLA when the buffer reaches this many segments. @default 2 */
  readonly bolaEnterSegments?: number;
  /** Dynamic: back to throughput when the buffer falls under this many segments. @default 1 */
  readonly bolaExitSegments?: number;
  /**
   * BOLA's down-switches stop at min(last rung, throughput choice): while the estimate still
   * carries a rung, a buffer under BOLA's thresholds is no reason to leave it — the counterpart
   * of BOLA-O, which stops up-switches at max(last, throughput choice). BOLA then only picks,
   * within that band, when to move. With 3 s segments BOLA's thresholds sit 0.5 s apart per
   * rung, and without the floor a dip of 2 s of buffer sent it four rungs down, to climb back
   * on the next segments. Tuning set (sabre movie ladder): mean QoE 1.042 → 1.046 × the best
   * baseline's. @default true
   */
  readonly bolaThroughputFloor?: boolean;
  /**
   * Request abandonment (`AbrController.abandon`): abort a segment request that, projected from
   * the bytes received so far, would arrive after the buffer runs dry, and re-request it lower.
   * @default true
   */
  readonly abandonRequests?: boolean;
  /**
   * No abandonment before a request has run this long, ms: its first bytes say little about the
   * rate (request latency, TCP slow start). @default 500
   */
  readonly abandonMinElapsedMs?: number;
  /**
   * Nor before a request has run this many seconds per second of buffer ahead (patience grows
   * with the buffer): with a full buffer an outage is waited out, not taken for a lasting drop
   * — a re-request lower wastes the bytes in, and the estimate, fed by the outage, keeps the
   * rung low for long after; as the buffer drains the rule judges sooner. At 1.25 a request may
   * be dropped once it has run 5/9 of the buffer it started with. Tuning set, synthetic outage
   * class (Amazon-style ladder): QoE 56.7 at 0.25 → 67.0 at 1.25, 0 s rebuffering either way.
   * In [0, 10]. @default 1.25
   */
  readonly abandonBufferShare?: number;
  /**
   * Outage memory: when the buffer falls across a download although the segment arrived (the
   * download took its segment's duration plus the fall, bounded by the clock so a seek does not
   * count), a fall of one segment or more — from under two segments below the target — is an
   * outage, and the longest is kept for the session. BOLA's low threshold is then held at
   * `outageReserveFactor` × that outage plus two segments (the high one keeps its gap above it,
   * both under the target's reach), so the buffer BOLA settles at can ride out an outage as
   * long again. 0 turns it off. Tuning set (50 seeds, Sabre movie ladder), Norway 3G
   * rebuffering / mean QoE vs the best baseline: off 31.60 s / 1.0521, 1 → 31.32 s / 1.0519,
   * 1.5 → 31.06 s / 1.0509, 1.75 → 31.18 s / 1.0493. @default 1
   */
  readonly outageReserveFactor?: number;
}

/**
 * The defaults of {@link AbrConfig}, tuned with `pnpm bench:tune` on the QoE bench's tuning set
 * only (synthetic seeds 0–49, the first half of Norway 3G; Amazon-style, Sabre music and movie
 * ladders; engine defaults: 40 s buffer goal) against the dash.js v5, shaka and ExoPlayer
 * baselines; judged on the disjoint test set by `pnpm bench qoe`.
 */
export const DEFAULT_ABR_CONFIG: Required<AbrConfig> = Object.freeze({
  algorithm: 'dynamic',
  startupRule: 'lowest',
  safetyFactor: 0.7,
  fullBufferSafetyFactor: 1,
  safetyRampFromS: 10,
  startupSafetyFactor: 0.5,
  upSwitchHeadroom: 1.1,
  minUpSwitchIntervalS: 0,
  minBufferForUpSwitchS: 0,
  startupBufferS: 6,
  startupDeadlineFraction: 0.2,
  fetchDeadlineFraction: 0.5,
  bolaLowBufferSegments: 1,
  bolaHighBufferSegments: 2,
  bolaLowBufferMinS: 20,
  bolaHighBufferMinS: 25,
  bolaEnterSegments: 2,
  bolaExitSegments: 1,
  bolaThroughputFloor: true,
  abandonRequests: true,
  abandonMinElapsedMs: 500,
  abandonBufferShare: 1.25,
  outageReserveFactor: 1,
});

/** What the controller is told before each segment request. Plain numbers: no allocation. */
export interface AbrInput {
  /** The bandwidth estimate, bits per second (`@legato/bandwidth`). */
  readonly estimateBps: number;
  /** Media buffered ahead of the playhead, seconds. */
  readonly bufferS: number;
  /** The buffer level the player aims for (its buffer goal), seconds. */
  readonly bufferTargetS: number;
  /** Ladder index of the previous segment; -1 before the first (startup). */
  readonly lastIndex: number;
  /** Monotonic time, seconds (only differences matter). */
  readonly nowS: number;
  /** Duration of the segment about to be requested, seconds. */
  readonly segmentDurationS: number;
  /**
   * Clear (unencrypted) media left ahead of the download position, seconds. Echoed by
   * `explain()`; the built-in rules act on `keyUsable` instead (no up-switch before the key): a
   * segment past the clear lead cannot play before the key whatever its bitrate, so the clear
   * lead left does not change which rung is safest.
   */
  readonly clearLeadRemainingS: number;
  /** Whether the content key of the encrypted media is usable. */
  readonly keyUsable: boolean;
  /**
   * The estimator's less conservative reading, bits per second (`@legato/bandwidth`'s
   * `upperEstimate()`: after a rise, the fast average the conservative estimate lags behind).
   * The throughput rule moves from `estimateBps` toward it as the buffer fills — weight 0 up to
   * `safetyRampFromS`, the square of the ramp's progress above, 1 at the target — since a full
   * buffer rides the dip a lagging estimate guards against. The fetch deadline and abandonment
   * keep `estimateBps`. Absent, NaN or under `estimateBps`: `estimateBps` alone.
   */
  readonly upperEstimateBps?: number;
}

/** Why the controller chose what it chose (last rule that shaped the decision). */
export const AbrReason = {
  /** The ladder has one rung. */
  SingleRung: 'single-rung',
  /** First decision: the lowest rung, or the highest under `startupSafetyFactor` × estimate (`startupRule`). */
  Startup: 'startup',
  /** Throughput rule. */
  Throughput: 'throughput',
  /** BOLA-E's buffer-based choice. */
  Bola: 'bola',
  /** BOLA wanted more than the estimate sustains: held at max(last, throughput choice) (BOLA-O). */
  BolaCapped: 'bola-capped',
  /** BOLA wanted less than the estimate sustains: held at min(last, throughput choice) (`bolaThroughputFloor`). */
  BolaFloored: 'bola-floored',
  /** An up-switch was held: the last switch was less than `minUpSwitchIntervalS` ago. */
  Dwell: 'dwell',
  /** An up-switch was held: less than `minBufferForUpSwitchS` is buffered. */
  BufferLow: 'buffer-low',
  /** Throughput mode: an up-switch was trimmed to the rungs the estimate sustains with `upSwitchHeadroom`. */
  Headroom: 'headroom',
  /** An up-switch was held: the content key is not usable yet. */
  KeyPending: 'key-pending',
  /** Lowered: the segment would not arrive within `fetchDeadlineFraction` of the buffer (`startupDeadlineFraction` during the startup fill). */
  FetchDeadline: 'fetch-deadline',
} as const;
/** Why the controller chose what it chose. */
export type AbrReason = (typeof AbrReason)[keyof typeof AbrReason];

/** The reasoning behind one decision, for logs and reports (see `AbrController.explain`). */
export interface AbrExplanation {
  /** The chosen ladder index. */
  readonly index: number;
  /** Its bitrate, bits per second. */
  readonly bitsPerSecond: number;
  /** The rule that made the final call. */
  readonly reason: AbrReason;
  /** The rule family in charge: startup, throughput or BOLA. */
  readonly mode: 'startup' | 'throughput' | 'bola';
  /** The throughput rule's choice. */
  readonly throughputIndex: number;
  /** The fraction of the estimate the throughput rule allowed at this buffer level. */
  readonly safetyFactor: number;
  /** BOLA-E's choice (-1 when BOLA was not consulted). */
  readonly bolaIndex: number;
  /** Buffer BOLA saw: real buffer plus placeholder, seconds. */
  readonly effectiveBufferS: number;
  /** BOLA-E's placeholder buffer, seconds. */
  readonly placeholderS: number;
  /** The throughput the throughput rule (and BOLA-O's cap) worked from, bits per second. */
  readonly throughputEstimateBps: number;
  /** The input as read (after sanitizing NaN / out-of-range fields). */
  readonly input: AbrInput;
}

/** The decision rule of an {@link AbrController}. */
export const AbrAlgorithm = {
  /** Highest rung under `safetyFactor` × the bandwidth estimate. */
  Throughput: 'throughput',
  /** BOLA-E (Spiteri et al.): buffer-based Lyapunov rule with ln(bitrate) utility and placeholder buffer. */
  Bola: 'bola',
  /** Throughput while the buffer is low, BOLA-E once it is healthy (like dash.js DYNAMIC). */
  Dynamic: 'dynamic',
} as const;
/** The decision rule of an {@link AbrController}. */
export type AbrAlgorithm = (typeof AbrAlgorithm)[keyof typeof AbrAlgorithm];

/** Options of `createAbrController`. Every field is optional. */
export interface AbrConfig {
  /** The decision rule. @default 'dynamic' */
  readonly algorithm?: AbrAlgorithm;
  /** Fraction of the estimate a rung may use, in (0, 1]. @default 0.9 */
  readonly safetyFactor?: number;
  /** Fraction of the estimate the first rung (startup, after a stall) may use. @default 0.7 */
  readonly startupSafetyFactor?: number;
  /**
   * Hysteresis: an up-switch needs `bitsPerSecond × upSwitchHeadroom ≤ safetyFactor × estimate`,
   * a down-switch happens as soon as the current rung is above `safetyFactor × estimate`.
   * @default 1.1
   */
  readonly upSwitchHeadroom?: number;
  /** Dwell: no up-switch within this many seconds (of `nowS`) after the last switch. @default 8 */
  readonly minUpSwitchIntervalS?: number;
  /**
   * An up-switch must fetch its segment (at the current estimate) within this fraction of the
   * buffer, so a misjudged up-switch never empties it. @default 0.5
   */
  readonly upSwitchFetchFraction?: number;
  /** BOLA's lowest-rung threshold, in segments of buffer (scales with segment duration). @default 1 */
  readonly bolaLowBufferSegments?: number;
  /** Dynamic: switch to BOLA when the buffer reaches this many segments. @default 2 */
  readonly bolaEnterSegments?: number;
  /** Dynamic: back to throughput when the buffer falls under this many segments. @default 1 */
  readonly bolaExitSegments?: number;
}

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
  /** Clear (unencrypted) media left ahead of the download position, seconds. */
  readonly clearLeadRemainingS: number;
  /** Whether the content key of the encrypted media is usable. */
  readonly keyUsable: boolean;
}

/** Why the controller chose what it chose (last rule that shaped the decision). */
export const AbrReason = {
  /** The ladder has one rung. */
  SingleRung: 'single-rung',
  /** First decision (or after a stall): highest rung under `startupSafetyFactor` × estimate. */
  Startup: 'startup',
  /** Throughput rule. */
  Throughput: 'throughput',
  /** BOLA-E's buffer-based choice. */
  Bola: 'bola',
  /** BOLA wanted more than the estimate sustains: held at max(last, throughput choice) (BOLA-O). */
  BolaCapped: 'bola-capped',
  /** An up-switch was held: the last switch was less than `minUpSwitchIntervalS` ago. */
  Dwell: 'dwell',
  /** An up-switch was trimmed to the rungs the estimate sustains with `upSwitchHeadroom`. */
  Headroom: 'headroom',
  /** An up-switch was held: the content key is not usable yet. */
  KeyPending: 'key-pending',
  /** Lowered: the segment could not be fetched before the buffer runs out. */
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
  /** BOLA-E's choice (-1 when BOLA was not consulted). */
  readonly bolaIndex: number;
  /** Buffer BOLA saw: real buffer plus placeholder, seconds. */
  readonly effectiveBufferS: number;
  /** BOLA-E's placeholder buffer, seconds. */
  readonly placeholderS: number;
  /** The input as read (after sanitizing NaN / out-of-range fields). */
  readonly input: AbrInput;
}

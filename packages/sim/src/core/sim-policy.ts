import type { AbandonInput, AbrInput } from '@legato/abr';

/**
 * What an ABR policy is told before each segment request: exactly `@legato/abr`'s
 * `AbrInput`, so its controller plugs in unchanged. In the simulator `bufferTargetS` is the
 * session's buffer target, `keyUsable` turns true at `licenseReadyS` and
 * `clearLeadRemainingS` counts down the clear lead from the download position.
 */
export type SimAbrInput = AbrInput;

/**
 * An in-flight download as a policy's `abandon` hook sees it, asked every `progressIntervalS`
 * of the request that brought bytes (the progress-event model of XHR / fetch, dash.js and
 * legato's engine: a stalled link raises no event): `@legato/abr`'s `AbandonInput`
 * (so its controller's `abandon` plugs in unchanged) plus what other players' rules read.
 * `estimateBps` is the meter's estimate now: from completed downloads, or — with
 * `SimPolicy.sampleProgress`, as legato's engine feeds its estimator — including this
 * request's bytes up to this progress point.
 */
export interface SimDownloadProgress extends AbandonInput {
  /** Segment number, from 0. */
  readonly segmentIndex: number;
  /** Ladder index of the last segment that completed; -1 before the first. */
  readonly lastIndex: number;
  /** Time from request to first byte (the request latency), ms; `null` before the first byte. */
  readonly firstByteMs: number | null;
  /** Virtual wall-clock time since the session started, s. */
  readonly nowS: number;
  /** Duration of the segment in flight, s. */
  readonly segmentDurationS: number;
  /** Size of this segment on every rung, bytes (what a re-request at another rung costs). */
  readonly segmentBytesByIndex: readonly number[];
}

/** An ABR policy: picks the ladder index of the next segment, may wait and may abandon. */
export interface SimAbrPolicy {
  /** Index into the track's ascending rungs. */
  decide(input: SimAbrInput): number;
  /**
   * Why `decide(input)` would choose what it chooses, without changing state (as
   * `@legato/abr`'s `explain`). Optional; asked only when the simulation sets `explain`.
   */
  explain?(input: SimAbrInput): { readonly reason: string };
  /**
   * The ABR wait action (BOLA's, dash.js's buffer targets): seconds to wait before the next
   * request, asked before each `decide` and again after every wait (0 = request now; under
   * 1 µs counts as 0: floating-point noise would not move the clock). Optional.
   */
  delayS?(input: SimAbrInput): number;
  /**
   * Abandonment: asked every `progressIntervalS` while a segment downloads, if bytes arrived
   * since the last time. Return another
   * ladder index to abort the request (bytes so far are wasted; only a `sampleProgress` meter
   * has seen them) and
   * re-request the same segment there at once, or -1 to let it run — `@legato/abr`'s
   * `AbrController.abandon` contract. Optional.
   */
  abandon?(progress: SimDownloadProgress): number;
}

/** A bandwidth meter: the `@legato/bandwidth` estimator shape. */
export interface SimBandwidthMeter {
  /**
   * One completed download: `bytes` in `durationMs` (request to last byte), ending at `nowMs`;
   * `firstByteMs` of it was the wait for the first byte (meters that exclude latency use it).
   * With `SimPolicy.sampleProgress`: one progress delta, body bytes only (`firstByteMs` 0).
   */
  addSample(bytes: number, durationMs: number, nowMs: number, firstByteMs?: number): void;
  /** Current estimate, bits per second. */
  estimate(): number;
  /**
   * The less conservative reading, bits per second (`@legato/bandwidth`'s `upperEstimate()`),
   * passed to the policy as `upperEstimateBps`. Optional.
   */
  upperEstimate?(): number;
}

/** The pair the simulator drives: a meter fed with every download and a policy asked before each. */
export interface SimPolicy {
  /** Label for reports. */
  readonly name: string;
  /** Receives one sample per downloaded segment (or per progress delta: `sampleProgress`). */
  readonly meter: SimBandwidthMeter;
  /** Chooses each segment's rung. */
  readonly abr: SimAbrPolicy;
  /**
   * Feed the manifest download (`manifestBytes`) to the meter as its first sample, as a player
   * that measures its MPD fetch does. @default false
   */
  readonly sampleManifest?: boolean;
  /**
   * Feed the meter as legato's engine feeds its estimator (`@legato/engine` samples every fetch
   * progress event of a media request): each progress interval's body bytes over its duration
   * (the first from the first byte, so latency is left out; `firstByteMs` 0), abandoned
   * requests' bytes included, before that progress point's `abandon` check — instead of one
   * sample per completed request. @default false
   */
  readonly sampleProgress?: boolean;
}

/**
 * What an ABR policy is told before each segment request — the same fields as
 * `@legato/abr`'s decision input, so its controller plugs in unchanged.
 */
export interface SimAbrInput {
  /** The bandwidth meter's current estimate, bits per second. */
  readonly estimateBps: number;
  /** Media buffered ahead of the playhead, s. */
  readonly bufferS: number;
  /** The buffer level the player aims for (the simulator's buffer cap), s. */
  readonly bufferTargetS: number;
  /** Ladder index of the previous segment; -1 before the first. */
  readonly lastIndex: number;
  /** Virtual wall-clock time since the session started, s. */
  readonly nowS: number;
  /** Duration of the segment about to be requested, s. */
  readonly segmentDurationS: number;
  /** Clear (unencrypted) media left ahead of the download position, s. */
  readonly clearLeadRemainingS: number;
  /** Whether the content key is usable (the simulator models no license delay: always true). */
  readonly keyUsable: boolean;
}

/** An ABR policy: picks the ladder index of the next segment. */
export interface SimAbrPolicy {
  /** Index into the track's ascending rungs. */
  decide(input: SimAbrInput): number;
  /**
   * Why `decide(input)` would choose what it chooses, without changing state (as
   * `@legato/abr`'s `explain`). Optional; asked only when the simulation sets `explain`.
   */
  explain?(input: SimAbrInput): { readonly reason: string };
}

/** A bandwidth meter: the `@legato/bandwidth` estimator shape. */
export interface SimBandwidthMeter {
  /** One completed download: `bytes` in `durationMs` (request to last byte), ending at `nowMs`. */
  addSample(bytes: number, durationMs: number, nowMs: number): void;
  /** Current estimate, bits per second. */
  estimate(): number;
}

/** The pair the simulator drives: a meter fed with every download and a policy asked before each. */
export interface SimPolicy {
  /** Label for reports. */
  readonly name: string;
  /** Receives one sample per downloaded segment. */
  readonly meter: SimBandwidthMeter;
  /** Chooses each segment's rung. */
  readonly abr: SimAbrPolicy;
}

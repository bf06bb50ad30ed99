/** One downloaded segment, as logged by the simulator (one row per segment; plot-ready). */
export interface SimSegmentLog {
  /** Segment number, from 0. */
  readonly index: number;
  /** Ladder index chosen. */
  readonly rung: number;
  /** The chosen rung's nominal bitrate, bits per second. */
  readonly bitsPerSecond: number;
  /** Segment size, bytes. */
  readonly bytes: number;
  /** Wall-clock time the request was sent, s since session start. */
  readonly requestS: number;
  /** Request to last byte, including the request latency, s. */
  readonly downloadS: number;
  /** Time spent waiting for room in the buffer before the request, s. */
  readonly waitS: number;
  /** Buffer level when the request was sent, s. */
  readonly bufferBeforeS: number;
  /** Buffer level when the segment arrived (after adding it), s. */
  readonly bufferAfterS: number;
  /** Rebuffering (stall) time between the previous arrival and this one (for the last segment: until the end), s. */
  readonly stallS: number;
  /** The meter's estimate the decision was made with, bits per second. */
  readonly estimateBps: number;
  /** Requests for this segment abandoned before the one that completed. */
  readonly abandons: number;
  /** Bytes received by those abandoned requests (downloaded for nothing). */
  readonly wastedBytes: number;
  /** The policy's reason for the choice (with `explain: true` and a policy that explains). */
  readonly reason?: string;
}

/** Metrics of one simulated playback session. */
export interface SimResult {
  /** The policy's label. */
  readonly policy: string;
  /** The trace's label. */
  readonly trace: string;
  /** Wall-clock time from the first media request (after the manifest) to the start of playback, s. */
  readonly startupDelayS: number;
  /** Time to first audio: from the session start (the manifest request) to playback start, s. */
  readonly timeToFirstAudioS: number;
  /**
   * The floor of `timeToFirstAudioS` on this trace: manifest, then the lowest rung's init and
   * first segment(s) until playback can start (see `timeToFirstAudioFloorS`), s.
   */
  readonly floorS: number;
  /** Number of stalls after playback started. */
  readonly rebufferCount: number;
  /** Total stall time after playback started, s. */
  readonly rebufferS: number;
  /** Mean nominal bitrate over played media (weighted by segment duration), bits per second. */
  readonly averageBitrateBps: number;
  /** Number of rung changes between consecutive segments. */
  readonly switches: number;
  /** Media seconds played per quality class. */
  readonly timeByClassS: Readonly<Record<string, number>>;
  /**
   * Startup-inclusive QoE (Pensieve / MPC convention): `qoeLin − μ·timeToFirstAudioS`, startup
   * delay charged at the rebuffer penalty.
   */
  readonly qoe: number;
  /**
   * QoE_lin (Pensieve form): Σ bitrate_Mbps − μ·rebuffer_s − Σ|Δbitrate_Mbps| over segments,
   * μ = the top rung in Mb/s. Startup delay is not in this sum (see `qoe`).
   */
  readonly qoeLin: number;
  /** μ used in `qoe` and `qoeLin`: the ladder's top bitrate, Mb/s. */
  readonly rebufferPenalty: number;
  /** Requests abandoned in flight (each re-requested its segment at another rung). */
  readonly abandons: number;
  /** Bytes received by abandoned requests. */
  readonly wastedBytes: number;
  /** Session length, s: time to first audio + media duration + rebuffering. */
  readonly wallS: number;
  /** Media played, s (the track duration). */
  readonly playedS: number;
  /** Sum of the played segments' sizes, bytes (init segments and abandoned bytes apart). */
  readonly totalBytes: number;
  /** One row per segment. */
  readonly segments: readonly SimSegmentLog[];
}

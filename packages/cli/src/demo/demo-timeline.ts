import type { DemoDownload } from './download-recorder.js';

/** One sample of the demo's playback state, taken at a fixed media-time interval. */
export interface DemoSample {
  /** Media time since load, seconds (the scheduler's clock, not the wall clock). */
  readonly tS: number;
  /** Playhead position, seconds. */
  readonly positionS: number;
  /** Forward buffer ahead of the playhead, seconds. */
  readonly bufferS: number;
  /** Bandwidth estimate, bits per second (NaN before the first sample). */
  readonly estimateBps: number;
  /** Throughput the origin's trace allows at this time, bits per second. */
  readonly traceBps: number;
  /** Bandwidth of the representation being fetched, bits per second (NaN before the first choice). */
  readonly bitrateBps: number;
}

/** One representation choice. */
export interface DemoSwitch {
  readonly tS: number;
  readonly representationId: string;
  readonly bitrateBps: number;
  /** Codec of the chosen representation, e.g. `opus`, `flac`. */
  readonly codec: string;
  /** Quality class, e.g. `SD`, `HD`, `UHD`. */
  readonly qualityClass: string;
}

/** A license-session state change. */
export interface DemoLicenseEvent {
  readonly tS: number;
  readonly state: string;
}

/** A stall: the playhead waited. */
export interface DemoStall {
  readonly startS: number;
  readonly endS: number;
  readonly cause: string;
}

/**
 * Everything the demo observed, on one clock — session time: seconds since load on the scaled
 * media clock (wall seconds × speed) — input of the report and the summary.
 */
export interface DemoTimeline {
  readonly title: string;
  readonly durationS: number;
  readonly clearLeadS: number;
  /** Session time when the playhead reached `clearLeadS` (NaN if it never did): markers and summary use it. */
  readonly clearLeadReachedS: number;
  /** Length of the track, media seconds. */
  readonly mediaDurationS: number;
  /** Media seconds per wall second the session ran at. */
  readonly speed: number;
  /** Every media segment download, request to append. */
  readonly downloads: readonly DemoDownload[];
  readonly samples: readonly DemoSample[];
  readonly switches: readonly DemoSwitch[];
  readonly license: readonly DemoLicenseEvent[];
  readonly stalls: readonly DemoStall[];
  /** Headline numbers shown at the top of the report (label → value text). */
  readonly summary: readonly (readonly [string, string])[];
}

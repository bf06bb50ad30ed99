import type { TimelineSource } from './extract-timelines.js';
import type { XlinkResolutions } from './xlinks.js';

/** Manifest- and period-wide facts every level below a Period needs. */
export interface PeriodContext {
  /** Namespace URI of the MPD's elements (null for MPDs without xmlns). */
  readonly mpdNamespace: string | null;
  readonly dynamic: boolean;
  /** Wall-clock time for live windows, ms since the epoch, or null. */
  readonly nowMs: number | null;
  readonly availabilityStartTimeMs: number | null;
  readonly timeShiftBufferDepthS: number | null;
  readonly periodStartS: number;
  readonly periodDurationS: number | null;
  /** Cap on BaseURL alternatives per element. */
  readonly maxBaseUrls: number;
  /** The `S` cap and the timelines read before the DOM was built. */
  readonly timelines: TimelineSource;
  /** Resolved xlinks (remote SegmentLists below the Period), or null. */
  readonly xlinks: XlinkResolutions | null;
  /** Representations the MPD may still have (shared by all periods; MPD_TOO_LARGE below 0). */
  readonly representations: { left: number };
}

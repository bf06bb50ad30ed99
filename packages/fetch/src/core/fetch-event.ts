/**
 * Body bytes arrived. One per chunk; within an attempt `loadedBytes` only grows. A retry starts a
 * new attempt whose `loadedBytes` starts again from 0 (`attempt` tells them apart), so
 * bandwidth estimation should sample `deltaBytes` over `deltaMs` (for `@legato/bandwidth`:
 * `{ bytes: deltaBytes, elapsedMs: deltaMs, nowMs }`). The first event's `deltaMs` runs from the
 * response head, so request latency (`firstByteMs`) does not dilute the throughput sample.
 */
export interface FetchProgressEvent {
  readonly type: 'progress';
  /** Body bytes received in this attempt (wire bytes, including a skipped full-body prefix). */
  readonly loadedBytes: number;
  /** Body length the response announced, when known (`Content-Length` of an uncoded body). */
  readonly totalBytes: number | undefined;
  /** Bytes since the previous event of this attempt (or since the response head). */
  readonly deltaBytes: number;
  /** Time since the previous event of this attempt (or since the response head), in ms. */
  readonly deltaMs: number;
  /** Time since this attempt's request was sent, in ms. */
  readonly elapsedMs: number;
  /** Time of this event on the scheduler's clock (`scheduler.now()`), in ms. */
  readonly nowMs: number;
  /** Time from sending the request to the response head, in ms. */
  readonly firstByteMs: number;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The URL this attempt uses (as sent; may carry a signed query, do not log it). */
  readonly url: string;
}

/** The requested bytes, complete and validated. Always the last event. */
export interface FetchCompleteEvent {
  readonly type: 'complete';
  /** Exactly the requested bytes (`range.end − range.start + 1` of them when a range was set). */
  readonly bytes: Uint8Array;
  /** The URL that delivered them (as sent). */
  readonly url: string;
  /** HTTP status of the delivering response: 206, or 200. */
  readonly status: number;
  /** Time from sending the successful request to its response head, in ms. */
  readonly firstByteMs: number;
  /** Time from sending the successful request to the last byte, in ms. */
  readonly durationMs: number;
  /** True when the server ignored `Range` and the bytes were sliced out of a 200 full body. */
  readonly fromFullBody: boolean;
  /** Attempts it took, the successful one included. */
  readonly attempts: number;
  /** Body bytes the successful attempt received (≥ what it kept when `fromFullBody`). */
  readonly loadedBytes: number;
  /** Bytes of the range kept from interrupted earlier attempts (0 unless resumed). */
  readonly resumedBytes: number;
}

/** What `fetchSegment$` emits: progress events, then one complete event. */
export type FetchEvent = FetchProgressEvent | FetchCompleteEvent;

/**
 * What `AbrController.abandon` is told about the segment request in flight, while its
 * body arrives. Plain numbers: the call allocates nothing.
 */
export interface AbandonInput {
  /** Ladder index of the segment being downloaded. */
  readonly index: number;
  /** Body bytes received so far. */
  readonly bytesLoaded: number;
  /** Size of the segment, bytes (the byte range's length). */
  readonly bytesTotal: number;
  /** Time since the request was sent, ms (request latency included). */
  readonly elapsedMs: number;
  /** Media buffered ahead of the playhead now, seconds (what plays while the request runs). */
  readonly bufferS: number;
  /**
   * The bandwidth estimate now, bits per second, fed with this request's progress so far (the
   * engine samples every progress event). The rule projects with the lower of it and the
   * request's own mean rate, so a drop in the middle of the body is seen at once.
   */
  readonly estimateBps: number;
}

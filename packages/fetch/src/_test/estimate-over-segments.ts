// Runs in Node and in Chromium: back-to-back segment downloads through fetchSegment$, their
// progress fed to @legato/bandwidth the way @legato/engine feeds it.
import { createBandwidthEstimator } from '@legato/bandwidth';
import { fetchSegment$ } from '@legato/fetch';
import type { SchedulerLike } from 'rxjs';

/** What {@link estimateOverSegments} downloads. */
export interface SegmentRun {
  readonly url: string;
  /** Bytes per segment (consecutive ranges of the file). */
  readonly segmentBytes: number;
  readonly segments: number;
  /** The clock of the samples (a scaled one when the link's trace runs fast). @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Downloads `segments` consecutive ranges one after the other and returns the estimate (bits per
 * second) after each: every progress event is one `addSample(deltaBytes, deltaMs, nowMs)`, as
 * the engine does, on the estimator's defaults.
 */
export async function estimateOverSegments(run: SegmentRun): Promise<number[]> {
  const estimator = createBandwidthEstimator();
  const estimates: number[] = [];
  for (let i = 0; i < run.segments; i++) {
    const start = i * run.segmentBytes;
    await new Promise<void>((resolve, reject) => {
      fetchSegment$(
        { urls: [run.url], range: { start, end: start + run.segmentBytes - 1 }, kind: 'media' },
        { allowInsecureOrigins: true, ...(run.scheduler ? { scheduler: run.scheduler } : {}) },
      ).subscribe({
        next: (e) => {
          if (e.type === 'progress') estimator.addSample(e.deltaBytes, e.deltaMs, e.nowMs);
        },
        error: reject,
        complete: resolve,
      });
    });
    estimates.push(estimator.estimate());
  }
  return estimates;
}

/**
 * Test helper: a `MediaSink` that records every call, keeps buffered ranges, and whose playhead
 * the test moves (`positionS` is a plain field). `quotaBytes` makes appends fail like a full
 * SourceBuffer; `failAppend` makes them fail otherwise.
 */
import type {
  MediaSink,
  SinkEvent,
  SinkInitChunk,
  SinkSegmentChunk,
  TimeRangeS,
} from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import { Subject } from 'rxjs';

export class RecordingSink implements MediaSink {
  readonly calls: string[] = [];
  readonly chunks: (SinkInitChunk | SinkSegmentChunk)[] = [];
  readonly eventsSubject = new Subject<SinkEvent>();
  readonly events$ = this.eventsSubject.asObservable();
  position = 0;
  ranges: TimeRangeS[] = [];
  quotaBytes = Number.POSITIVE_INFINITY;
  failAppend: Error | null = null;
  storedBytes = 0;

  async append(chunk: SinkInitChunk | SinkSegmentChunk): Promise<void> {
    if (this.failAppend) throw this.failAppend;
    if (chunk.kind === 'segment' && this.storedBytes + chunk.bytes.byteLength > this.quotaBytes) {
      this.calls.push(`quota ${chunk.startS}`);
      throw new LegatoError('SINK_QUOTA_EXCEEDED', 'sink full');
    }
    this.chunks.push(chunk);
    if (chunk.kind === 'init') {
      this.calls.push(`init ${chunk.representationId}`);
      return;
    }
    this.calls.push(
      `append ${chunk.representationId}@${chunk.startS}${chunk.encrypted ? ' enc' : ''}`,
    );
    this.storedBytes += chunk.bytes.byteLength;
    this.ranges.push({ startS: chunk.startS, endS: chunk.startS + chunk.durationS });
    this.ranges.sort((a, b) => a.startS - b.startS);
  }

  async remove(startS: number, endS: number): Promise<void> {
    this.calls.push(`remove ${startS}-${endS}`);
    const kept = this.ranges.filter((r) => r.endS <= startS || r.startS >= endS);
    const removed = this.ranges.length - kept.length;
    this.ranges = kept;
    // Every test segment has the same size: remove its bytes.
    const seg = this.chunks.find((c): c is SinkSegmentChunk => c.kind === 'segment');
    this.storedBytes -= removed * (seg?.bytes.byteLength ?? 0);
  }

  buffered(): readonly TimeRangeS[] {
    return this.ranges;
  }

  positionS(): number {
    return this.position;
  }

  play(): void {
    this.calls.push('play');
  }

  pause(): void {
    this.calls.push('pause');
  }

  seek(positionS: number): void {
    this.position = positionS;
  }

  async endOfStream(): Promise<void> {
    this.calls.push('endOfStream');
  }
}

/** Lets every pending promise callback run. */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Test helper: a `MediaSink` whose playhead advances in the scheduler's (virtual) time while
 * playing, only through buffered media (it stops at the end of the buffered range, like a media
 * element waiting for data), and reports `ended` after `endOfStream()` once it reaches the end.
 * It does not decode: the end-to-end tests use the testkit's decrypting sink for that.
 */
import type {
  MediaSink,
  SinkEvent,
  SinkInitChunk,
  SinkSegmentChunk,
  TimeRangeS,
} from '@legato/buffer';
import { type SchedulerLike, Subject } from 'rxjs';

export class VirtualSink implements MediaSink {
  readonly appended: SinkSegmentChunk[] = [];
  readonly inits: SinkInitChunk[] = [];
  readonly log: string[] = [];
  private readonly subject = new Subject<SinkEvent>();
  readonly events$ = this.subject.asObservable();
  private ranges: TimeRangeS[] = [];
  private anchorS = 0;
  private anchorMs: number;
  private playing = false;
  private eos = false;
  private endedSent = false;

  constructor(private readonly scheduler: SchedulerLike) {
    this.anchorMs = scheduler.now();
  }

  async append(chunk: SinkInitChunk | SinkSegmentChunk): Promise<void> {
    this.settle();
    if (chunk.kind === 'init') {
      this.inits.push(chunk);
      return;
    }
    this.appended.push(chunk);
    this.eos = false;
    this.ranges = merge([
      ...this.ranges,
      { startS: chunk.startS, endS: chunk.startS + chunk.durationS },
    ]);
  }

  async remove(startS: number, endS: number): Promise<void> {
    this.settle();
    const out: TimeRangeS[] = [];
    for (const r of this.ranges) {
      if (r.endS <= startS || r.startS >= endS) out.push(r);
      else {
        if (r.startS < startS) out.push({ startS: r.startS, endS: startS });
        if (r.endS > endS) out.push({ startS: endS, endS: r.endS });
      }
    }
    this.ranges = out;
  }

  buffered(): readonly TimeRangeS[] {
    return this.ranges;
  }

  positionS(): number {
    this.settle();
    return this.anchorS;
  }

  play(): void {
    this.settle();
    if (!this.playing) this.log.push(`play@${this.anchorS.toFixed(1)}`);
    this.playing = true;
  }

  pause(): void {
    this.settle();
    if (this.playing) this.log.push(`pause@${this.anchorS.toFixed(1)}`);
    this.playing = false;
  }

  seek(positionS: number): void {
    this.settle();
    this.anchorS = positionS;
  }

  async endOfStream(): Promise<void> {
    this.eos = true;
    this.log.push('endOfStream');
  }

  /** Moves the playhead to now: through buffered media only; time spent waiting is not counted. */
  private settle(): void {
    const nowMs = this.scheduler.now();
    if (this.playing) {
      const end =
        this.ranges.find((r) => r.startS <= this.anchorS + 1e-6 && this.anchorS < r.endS)?.endS ??
        this.anchorS;
      this.anchorS = Math.min(end, this.anchorS + (nowMs - this.anchorMs) / 1000);
      if (this.eos && !this.endedSent && this.anchorS >= (this.ranges.at(-1)?.endS ?? 0) - 1e-6) {
        this.endedSent = true;
        this.subject.next({ type: 'ended', positionS: this.anchorS });
      }
    }
    this.anchorMs = nowMs;
  }
}

function merge(ranges: TimeRangeS[]): TimeRangeS[] {
  const sorted = ranges.sort((a, b) => a.startS - b.startS);
  const out: TimeRangeS[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.startS <= last.endS + 1e-6)
      out[out.length - 1] = { startS: last.startS, endS: Math.max(last.endS, r.endS) };
    else out.push(r);
  }
  return out;
}

import type { MediaSink, SinkEvent, SinkInitChunk, SinkSegmentChunk } from '@legato/buffer';
import { Subject } from 'rxjs';

/** Test helper: a MediaSink that records what it is given (the "native clear pipeline"). */
export class RecordingSink implements MediaSink {
  readonly appended: (SinkInitChunk | SinkSegmentChunk)[] = [];
  readonly calls: string[] = [];
  readonly events$ = new Subject<SinkEvent>().asObservable();
  async append(chunk: SinkInitChunk | SinkSegmentChunk): Promise<void> {
    this.appended.push(chunk);
  }
  async remove(startS: number, endS: number): Promise<void> {
    this.calls.push(`remove ${startS}-${endS}`);
  }
  buffered() {
    return [];
  }
  positionS(): number {
    return 0;
  }
  play(): void {
    this.calls.push('play');
  }
  pause(): void {
    this.calls.push('pause');
  }
  seek(positionS: number): void {
    this.calls.push(`seek ${positionS}`);
  }
  async endOfStream(): Promise<void> {
    this.calls.push('endOfStream');
  }
}

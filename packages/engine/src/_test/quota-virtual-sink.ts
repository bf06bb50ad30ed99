/**
 * Test helper: a {@link VirtualSink} with a byte quota, refusing like `mseSink` over Chromium's
 * SourceBuffer does: an append that would take the media held past `quotaBytes` rejects with
 * `SINK_QUOTA_EXCEEDED` (its cause a `QuotaExceededError` DOMException) and stores nothing.
 * Removing part of a segment frees its bytes pro rata. Unlike Chromium it never evicts by itself
 * (MSE leaves that to the implementation), so the engine must make room.
 */
import type { SinkInitChunk, SinkSegmentChunk } from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import type { SchedulerLike } from 'rxjs';
import { VirtualSink } from './virtual-sink.js';

interface Held {
  startS: number;
  endS: number;
  readonly bytesPerS: number;
}

export class QuotaVirtualSink extends VirtualSink {
  private held: Held[] = [];
  /** Appends refused for quota. */
  refusals = 0;
  /** Most bytes ever held at once. */
  peakBytes = 0;

  constructor(
    scheduler: SchedulerLike,
    readonly quotaBytes: number,
  ) {
    super(scheduler);
  }

  heldBytes(): number {
    return this.held.reduce((n, h) => n + (h.endS - h.startS) * h.bytesPerS, 0);
  }

  override async append(chunk: SinkInitChunk | SinkSegmentChunk): Promise<void> {
    if (chunk.kind === 'segment') {
      if (this.heldBytes() + chunk.bytes.byteLength > this.quotaBytes) {
        this.refusals++;
        const cause = new DOMException(
          'The SourceBuffer is full, and cannot free space to append additional buffers.',
          'QuotaExceededError',
        );
        throw new LegatoError('SINK_QUOTA_EXCEEDED', 'appendBuffer: the SourceBuffer is full', {
          cause,
        });
      }
      const endS = chunk.startS + chunk.durationS;
      this.held.push({
        startS: chunk.startS,
        endS,
        bytesPerS: chunk.bytes.byteLength / chunk.durationS,
      });
      this.peakBytes = Math.max(this.peakBytes, this.heldBytes());
    }
    return super.append(chunk);
  }

  override async remove(startS: number, endS: number): Promise<void> {
    const out: Held[] = [];
    for (const h of this.held) {
      if (h.endS <= startS || h.startS >= endS) out.push(h);
      else {
        if (h.startS < startS) out.push({ ...h, endS: startS });
        if (h.endS > endS) out.push({ ...h, startS: endS });
      }
    }
    this.held = out;
    return super.remove(startS, endS);
  }
}

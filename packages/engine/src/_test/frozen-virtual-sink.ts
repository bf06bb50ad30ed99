/**
 * Test helper: a {@link VirtualSink} whose playhead freezes at `freezeAtS` with media buffered
 * ahead, like a media element sitting in silence without a `waiting` event. A seek (the
 * watchdog's nudge) unfreezes it when `unfreezeOnSeek`.
 */
import type { SchedulerLike } from 'rxjs';
import { VirtualSink } from './virtual-sink.js';

export class FrozenVirtualSink extends VirtualSink {
  private frozen = true;
  /** Seeks received (the nudges). */
  seeks = 0;

  constructor(
    scheduler: SchedulerLike,
    private readonly freezeAtS: number,
    private readonly unfreezeOnSeek: boolean,
  ) {
    super(scheduler);
  }

  override positionS(): number {
    const p = super.positionS();
    if (!this.frozen || p < this.freezeAtS) return p;
    super.seek(this.freezeAtS); // time passes, the playhead does not
    return this.freezeAtS;
  }

  override seek(positionS: number): void {
    this.seeks++;
    if (this.unfreezeOnSeek) this.frozen = false;
    super.seek(positionS);
  }
}

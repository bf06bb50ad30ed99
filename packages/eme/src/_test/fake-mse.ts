/**
 * Test double of the MSE objects `mseSink` drives (an `<audio>` element, a MediaSource and its
 * SourceBuffer), honouring the parts of the W3C contract the sink relies on: one operation at a
 * time (`updating`), `updateend` when it completes (after `opMs` on the injected scheduler),
 * `InvalidStateError` on an operation while updating, `QuotaExceededError` past `quotaBytes`,
 * and `sourceopen` when the element is given the object URL. It records every call with its
 * virtual time, and counts the listeners still attached (for teardown checks).
 */
import type { SchedulerLike } from 'rxjs';

export class CountingTarget extends EventTarget {
  listeners = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners--;
    super.removeEventListener(...args);
  }
  fire(type: string): void {
    this.dispatchEvent(new Event(type));
  }
}

export class FakeSourceBuffer extends CountingTarget {
  updating = false;
  appendedBytes = 0;
  readonly calls: string[] = [];
  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly opMs: number,
    private readonly quotaBytes: number,
  ) {
    super();
  }
  private run(call: string): void {
    if (this.updating) throw new DOMException('still updating', 'InvalidStateError');
    this.calls.push(`${this.scheduler.now()}:${call}`);
    this.updating = true;
    this.scheduler.schedule(() => {
      this.updating = false;
      this.fire('updateend');
    }, this.opMs);
  }
  appendBuffer(bytes: Uint8Array): void {
    if (this.appendedBytes + bytes.length > this.quotaBytes)
      throw new DOMException('full', 'QuotaExceededError');
    this.appendedBytes += bytes.length;
    this.run(`append ${bytes.length}`);
  }
  remove(startS: number, endS: number): void {
    this.run(`remove ${startS}-${endS}`);
  }
  changeType(type: string): void {
    this.calls.push(`${this.scheduler.now()}:changeType ${type}`);
  }
  readonly buffered = { length: 0, start: () => 0, end: () => 0 };
}

export class FakeMediaSource extends CountingTarget {
  static isTypeSupported(type: string): boolean {
    return /^audio\/mp4; codecs="(opus|flac)"$/.test(type);
  }
  readyState: 'closed' | 'open' | 'ended' = 'closed';
  duration = Number.NaN;
  readonly buffers: FakeSourceBuffer[] = [];
  endOfStreamCalls = 0;
  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly opMs = 10,
    private readonly quotaBytes = Number.POSITIVE_INFINITY,
  ) {
    super();
  }
  open(): void {
    this.readyState = 'open';
    this.fire('sourceopen');
  }
  addSourceBuffer(_type: string): FakeSourceBuffer {
    const sb = new FakeSourceBuffer(this.scheduler, this.opMs, this.quotaBytes);
    this.buffers.push(sb);
    return sb;
  }
  endOfStream(): void {
    this.endOfStreamCalls++;
    this.readyState = 'ended';
  }
}

export class FakeMediaElement extends CountingTarget {
  currentTime = 0;
  error: { code: number; message: string } | null = null;
  private source: string | undefined;
  constructor(private readonly onSrc: () => void) {
    super();
  }
  set src(url: string) {
    this.source = url;
    this.onSrc();
  }
  get src(): string {
    return this.source ?? '';
  }
  play(): Promise<void> {
    return Promise.resolve();
  }
  pause(): void {}
  removeAttribute(_name: string): void {
    this.source = undefined;
  }
  load(): void {}
}

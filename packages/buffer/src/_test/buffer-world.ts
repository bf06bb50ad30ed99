/**
 * Test helper: a small simulated world that executes the scheduler's commands the way a
 * controller and a sink would (downloads, one append at a time, a playhead that only moves
 * through playable media) and checks the scheduler's invariants on every step.
 */
import {
  type AppendTarget,
  type BufferCommand,
  type BufferConfigInput,
  type BufferEvent,
  type BufferState,
  type CreateBufferStateOptions,
  createBufferState,
  type FetchTarget,
  scheduleBuffer,
} from '@legato/buffer';

export const KID = '0123456789abcdef0123456789abcdef';

/** A track of `count` segments of `durationS`, encrypted from `clearLeadS` on. */
export function makeTrack(count: number, durationS = 10) {
  return {
    segments: Array.from({ length: count }, (_, i) => ({ startS: i * durationS, durationS })),
    defaultKid: KID,
  };
}

export class BufferWorld {
  state: BufferState;
  readonly log: BufferCommand[] = [];
  readonly pending = new Map<number, FetchTarget>();
  appendInFlight: AppendTarget | null = null;
  /** Segment indices in the sink. */
  readonly sink = new Set<number>();
  /** Media requests loaded → how many terminal outcomes (append done / discard). */
  readonly terminal = new Map<number, number>();
  readonly usable = new Set<string>();
  readonly violations: string[] = [];
  /** `error` commands the scheduler emitted. */
  readonly errors: string[] = [];
  readonly clearLeadS: number;

  constructor(
    readonly options: Omit<CreateBufferStateOptions, 'config'> & { config?: BufferConfigInput },
  ) {
    this.clearLeadS = options.config?.clearLeadS ?? 30;
    for (const k of options.usableKids ?? []) this.usable.add(k);
    const step = createBufferState(options);
    this.state = step.state;
    this.exec(step.commands);
  }

  get segments() {
    return this.options.track.segments;
  }

  send(event: BufferEvent): readonly BufferCommand[] {
    if (event.type === 'key-status') {
      if (event.usable) this.usable.add(event.kid);
      else this.usable.delete(event.kid);
    }
    const step = scheduleBuffer(this.state, event);
    this.state = step.state;
    this.exec(step.commands);
    this.checkGoal();
    return step.commands;
  }

  private exec(commands: readonly BufferCommand[]): void {
    for (const c of commands) {
      this.log.push(c);
      switch (c.type) {
        case 'fetch':
          this.pending.set(c.requestId, c.target);
          break;
        case 'abort':
          if (!this.pending.delete(c.requestId)) this.fail(`abort of unknown ${c.requestId}`);
          break;
        case 'append':
          if (this.appendInFlight) this.fail('two appends in flight');
          if (c.target.kind === 'segment' && c.target.encrypted) {
            const ok = c.target.kid !== null && this.usable.has(c.target.kid);
            if (!ok && !this.state.config.appendEncryptedBeforeKey) {
              this.fail(`encrypted append of segment ${c.target.index} without a usable key`);
            }
          }
          this.appendInFlight = c.target;
          break;
        case 'discard':
          this.terminate(c.requestId);
          break;
        case 'error':
          this.errors.push(c.code);
          break;
        case 'evict':
          for (const i of [...this.sink]) {
            const s = this.segments[i];
            if (s && s.startS >= c.startS - 1e-9 && s.startS + s.durationS <= c.endS + 1e-9) {
              this.sink.delete(i);
            }
          }
          break;
        default:
          break;
      }
    }
  }

  private terminate(requestId: number): void {
    const n = this.terminal.get(requestId);
    if (n === undefined) this.fail(`terminal outcome for request ${requestId} never loaded`);
    else if (n > 0) this.fail(`request ${requestId} appended/discarded twice`);
    this.terminal.set(requestId, (n ?? 0) + 1);
  }

  fail(message: string): void {
    this.violations.push(message);
  }

  private checkGoal(): void {
    const s = this.state;
    const pos = Math.max(s.positionS, 0);
    const maxSeg = Math.max(...this.segments.map((x) => x.durationS));
    s.slots.forEach((slot, i) => {
      const seg = this.segments[i];
      if (slot.status === 'empty' || !seg || seg.startS < pos) return;
      if (seg.startS + seg.durationS - pos > s.config.forwardGoalS + maxSeg + 1e-6) {
        this.fail(`segment ${i} beyond goal + one segment at ${pos}`);
      }
    });
  }

  /** Completes a pending download (encrypted after the clear lead, as the media would say). */
  load(requestId: number, inspect = true): void {
    const t = this.pending.get(requestId);
    if (!t) return;
    this.pending.delete(requestId);
    if (t.kind === 'media') {
      this.terminal.set(requestId, 0);
      const encrypted = t.startS >= this.clearLeadS;
      this.send({
        type: 'segment-loaded',
        requestId,
        bytes: 1000,
        ...(inspect ? { encrypted, kid: encrypted ? KID : null } : {}),
      });
    } else {
      this.send({ type: 'segment-loaded', requestId, bytes: 100 });
    }
  }

  /** Finishes the append in flight (or refuses it for quota). */
  finishAppend(quota = false): void {
    const a = this.appendInFlight;
    if (!a) return;
    this.appendInFlight = null;
    if (quota) {
      this.send({ type: 'quota-exceeded' });
      return;
    }
    if (a.kind === 'segment') {
      this.sink.add(a.index);
      this.terminate(a.requestId);
    }
    this.send({ type: 'append-done' });
  }

  /** End of the media the sink can play from the playhead (appended and decodable). */
  playableEndS(): number {
    let pos = Math.max(this.state.positionS, 0);
    for (;;) {
      const i = this.segments.findIndex(
        (s) => s.startS <= pos + 1e-9 && pos < s.startS + s.durationS,
      );
      const seg = this.segments[i];
      const slot = this.state.slots[i];
      if (!seg || !this.sink.has(i) || slot?.status !== 'appended') return pos;
      if (slot.encrypted && !(slot.kid !== null && this.usable.has(slot.kid))) return pos;
      pos = seg.startS + seg.durationS;
    }
  }

  /** Moves the playhead like a playing sink: at most `dtS`, never past playable media. */
  advance(dtS: number): void {
    if (this.state.phase !== 'playing') return;
    const to = Math.min(this.state.positionS + dtS, this.playableEndS());
    this.send({ type: 'playhead', positionS: to });
  }

  /** Runs the world fairly (keys usable) until the track ends; false if it never does. */
  drain(maxSteps = 2000): boolean {
    this.send({ type: 'key-status', kid: KID, usable: true });
    for (let n = 0; n < maxSteps; n++) {
      if (this.state.phase === 'ended') return true;
      if (this.errors.length > 0) return false;
      if (this.appendInFlight) this.finishAppend();
      else if (this.pending.size > 0) this.load(this.pending.keys().next().value as number);
      else this.advance(5);
    }
    return false;
  }
}

import type { Observable } from 'rxjs';

/** A buffered time range in seconds (start inclusive, end exclusive). */
export interface TimeRangeS {
  readonly startS: number;
  readonly endS: number;
}

/** An initialization segment for one representation. */
export interface SinkInitChunk {
  readonly kind: 'init';
  readonly representationId: string;
  /** e.g. `audio/mp4` */
  readonly mimeType: string;
  /** e.g. `flac`, `opus`, `mp4a.40.2` */
  readonly codecs: string;
  readonly bytes: Uint8Array;
}

/** One media segment (a whole moof+mdat fragment, clear or CENC-encrypted). */
export interface SinkSegmentChunk {
  readonly kind: 'segment';
  readonly representationId: string;
  readonly bytes: Uint8Array;
  /** Presentation start, seconds. */
  readonly startS: number;
  readonly durationS: number;
  /** True when the samples are encrypted (needs a usable key to decode). */
  readonly encrypted: boolean;
  /** Default key id (hex) of an encrypted segment. */
  readonly kid?: string;
}

/** Playback events a sink reports. */
export type SinkEvent =
  | { readonly type: 'playing'; readonly positionS: number }
  | { readonly type: 'paused'; readonly positionS: number }
  | { readonly type: 'waiting'; readonly positionS: number; readonly cause: 'buffer' | 'key' }
  | { readonly type: 'seeked'; readonly positionS: number }
  | { readonly type: 'ended'; readonly positionS: number }
  | { readonly type: 'error'; readonly error: unknown };

/**
 * The port media goes out through: an MSE SourceBuffer + media element in browsers, a decrypting
 * in-memory sink in the testkit, a native pipeline on devices. Appends resolve when the sink
 * accepted the bytes; a full sink rejects with `SINK_QUOTA_EXCEEDED`.
 *
 * How `bufferController$` and the engine drive it (the contract is unchanged; these are the
 * behaviours they rely on): `append`, `remove` and `endOfStream` are called one at a time, in
 * order; `positionS()` is polled (every 250 ms by default), so it must advance only through
 * buffered media and stop at a gap, as a media element does; during a buffer or key stall the
 * engine calls `pause()`, and `play()` when the scheduler resumes; after `endOfStream()` the sink
 * emits `ended` once the playhead reaches the end. A gapless queue appends the next track right
 * after the current one on the same timeline (`startS` keeps growing).
 */
export interface MediaSink {
  append(chunk: SinkInitChunk | SinkSegmentChunk): Promise<void>;
  /** Removes media in [startS, endS). */
  remove(startS: number, endS: number): Promise<void>;
  /** What the sink holds now, ascending, non-overlapping. */
  buffered(): readonly TimeRangeS[];
  /** Current playback position, seconds. */
  positionS(): number;
  play(): void;
  pause(): void;
  seek(positionS: number): void;
  /** Signals that no more media follows (the sink plays out what it holds, then `ended`). */
  endOfStream(): Promise<void>;
  /** Playback events (hot). */
  readonly events$: Observable<SinkEvent>;
}

/** Start and duration of one media segment, seconds on the track's timeline. */
export interface SegmentTiming {
  readonly startS: number;
  readonly durationS: number;
}

/**
 * The track the reducer schedules: segment timings shared by every representation (DASH audio
 * representations of one track are segment-aligned), and what the manifest says about keys.
 */
export interface BufferTrack {
  /** Segment timings in presentation order, contiguous. */
  readonly segments: readonly SegmentTiming[];
  /** Default key id of the track (hex, lower case, 32 chars), `null` when the track is clear. */
  readonly defaultKid: string | null;
}

/** Tuning of the scheduler. Every field is optional in {@link BufferConfigInput}. */
export interface BufferConfig {
  /** Forward buffer goal: fetch while the buffered end is less than this ahead of the playhead, seconds. @default 40 */
  readonly forwardGoalS: number;
  /** Back-buffer limit: media further behind the playhead is evicted, seconds. @default 30 */
  readonly backBufferS: number;
  /** Playable media needed before playback starts (at load and after a seek outside the buffer), seconds. @default 2 */
  readonly startupBufferS: number;
  /** Playable media needed to leave a buffer stall, seconds. @default 2 */
  readonly rebufferGoalS: number;
  /**
   * Clear lead assumed before any media is read: segments starting before it are expected clear,
   * later ones encrypted. Replaced by what the media says as soon as a segment is inspected.
   * @default 30
   */
  readonly clearLeadS: number;
  /**
   * Append encrypted segments before their key is usable. Only for sinks whose CDM holds
   * undecryptable samples by itself (EME/MSE); in-memory and native sinks need `false`.
   * @default false
   */
  readonly appendEncryptedBeforeKey: boolean;
  /** Media segment downloads in flight at once (init segments do not count). @default 1 */
  readonly maxConcurrentFetches: number;
  /** Ask for the next track once this much of the current one is left (at the playback rate), seconds. @default 20 */
  readonly prefetchNextS: number;
  /**
   * Re-fetch already buffered, not yet played segments after an up-switch. Only done when it helps:
   * the buffer ahead is at least `replaceMinBufferS` and the replaced media starts at least
   * `replaceMarginS` after the playhead.
   * @default false
   */
  readonly replaceOnUpSwitch: boolean;
  /** Buffer ahead required before an up-switch replaces buffered media, seconds. @default 20 */
  readonly replaceMinBufferS: number;
  /** Media closer than this to the playhead is never replaced, seconds. @default 10 */
  readonly replaceMarginS: number;
}

/** Options accepted where a {@link BufferConfig} is built; omitted fields take their defaults. */
export type BufferConfigInput = Partial<BufferConfig>;

/**
 * Where one segment is: not requested, downloading, downloaded and held in memory, being
 * appended, or in the sink. `rank` is the ladder position of its representation (higher = better).
 */
export type SegmentSlot =
  | { readonly status: 'empty' }
  | {
      readonly status: 'fetching';
      readonly requestId: number;
      readonly representationId: string;
      readonly rank: number;
    }
  | {
      readonly status: 'held' | 'appending' | 'appended';
      readonly requestId: number;
      readonly representationId: string;
      readonly rank: number;
      /** True when the segment's samples are encrypted (from the media, else the clear lead). */
      readonly encrypted: boolean;
      /** Key id the segment needs (hex), `null` for clear segments. */
      readonly kid: string | null;
      readonly bytes: number;
    };

/** An initialization segment known to the scheduler (kept once loaded: they are small). */
export interface InitSlot {
  readonly representationId: string;
  readonly requestId: number;
  readonly status: 'fetching' | 'loaded';
}

/** Why playback cannot advance. */
export type StallCause = 'buffer' | 'key';

/** What the scheduler knows, shared by every phase. */
export interface BufferContext {
  readonly track: BufferTrack;
  readonly config: BufferConfig;
  /** Last reported playhead, seconds on the track's timeline. */
  readonly positionS: number;
  readonly playbackRate: number;
  /** Representation new fetches use, and its ladder rank (higher = better). */
  readonly representationId: string;
  readonly rank: number;
  readonly slots: readonly SegmentSlot[];
  readonly inits: readonly InitSlot[];
  /** Representation whose init segment the sink got last; `null` before the first append. */
  readonly appendedInit: string | null;
  /** The append the sink is working on. */
  readonly appending:
    | { readonly kind: 'init'; readonly requestId: number }
    | { readonly kind: 'segment'; readonly index: number }
    | null;
  /** Key ids whose key is usable now. */
  readonly usableKids: readonly string[];
  /** End of the media known to be clear (from inspected segments), seconds; 0 when none. */
  readonly knownClearEndS: number;
  /** Start of the first media known to be encrypted, seconds; `Infinity` when none seen. */
  readonly knownEncryptedStartS: number;
  /** Forward goal lowered after the sink ran out of space, seconds; `Infinity` when never. */
  readonly quotaGoalS: number;
  /** An append failed for quota and nothing could be evicted yet. */
  readonly quotaBlocked: boolean;
  /** Appends wait for this (the next track of a gapless queue waits for the current one). */
  readonly sinkReady: boolean;
  readonly endOfStreamSent: boolean;
  readonly nextTrackRequested: boolean;
  readonly nextRequestId: number;
}

/**
 * The scheduler's state, a written union of phases:
 * - `starting`: loading until `startupBufferS` is playable at the start position;
 * - `playing`: enough playable media at the playhead (the sink may still be paused by the user);
 * - `seeking`: a seek left the buffer; loading until `startupBufferS` is playable at the target;
 * - `rebuffering`: the playhead reached the end of the buffered media (a buffer stall);
 * - `waiting-for-key`: the playhead needs encrypted media whose key is not usable (a key stall);
 * - `ended`: the playhead reached the end of the track.
 */
export type BufferState =
  | (BufferContext & { readonly phase: 'starting' })
  | (BufferContext & { readonly phase: 'playing' })
  | (BufferContext & { readonly phase: 'seeking'; readonly targetS: number })
  | (BufferContext & { readonly phase: 'rebuffering' })
  | (BufferContext & { readonly phase: 'waiting-for-key'; readonly kid: string | null })
  | (BufferContext & { readonly phase: 'ended' });

/** The phase names of {@link BufferState}. */
export type BufferPhase = BufferState['phase'];

/** Inputs of the scheduler. */
export type BufferEvent =
  | { readonly type: 'playhead'; readonly positionS: number }
  | {
      readonly type: 'segment-loaded';
      readonly requestId: number;
      readonly bytes: number;
      /** What the media says (`senc` present / `seig` isProtected); omitted = not inspected. */
      readonly encrypted?: boolean;
      /** Key id found in the media (tenc / seig), if any. */
      readonly kid?: string | null;
    }
  | { readonly type: 'fetch-failed'; readonly requestId: number }
  | { readonly type: 'append-done' }
  | { readonly type: 'quota-exceeded' }
  | { readonly type: 'key-status'; readonly kid: string; readonly usable: boolean }
  | { readonly type: 'abr-choice'; readonly representationId: string; readonly rank: number }
  | { readonly type: 'seek'; readonly positionS: number }
  | { readonly type: 'track-end' }
  | { readonly type: 'playback-rate'; readonly rate: number }
  | { readonly type: 'sink-ready' };

/** What to fetch: an init segment or one media segment of a representation. */
export type FetchTarget =
  | { readonly kind: 'init'; readonly representationId: string }
  | {
      readonly kind: 'media';
      readonly representationId: string;
      readonly index: number;
      readonly startS: number;
      readonly durationS: number;
    };

/** What to append: an init segment or a held media segment (bytes are kept by `requestId`). */
export type AppendTarget =
  | { readonly kind: 'init'; readonly representationId: string; readonly requestId: number }
  | {
      readonly kind: 'segment';
      readonly representationId: string;
      readonly requestId: number;
      readonly index: number;
      readonly startS: number;
      readonly durationS: number;
      readonly encrypted: boolean;
      readonly kid: string | null;
    };

/** Effects the scheduler asks for; the controller executes them in order. */
export type BufferCommand =
  | { readonly type: 'fetch'; readonly requestId: number; readonly target: FetchTarget }
  | { readonly type: 'abort'; readonly requestId: number }
  | { readonly type: 'append'; readonly target: AppendTarget }
  /** Drop a downloaded segment without appending it (replaced, or outside the window after a seek). */
  | { readonly type: 'discard'; readonly requestId: number }
  | { readonly type: 'evict'; readonly startS: number; readonly endS: number }
  | { readonly type: 'waitForKey'; readonly kid: string | null; readonly positionS: number }
  | { readonly type: 'stall'; readonly cause: StallCause; readonly positionS: number }
  | { readonly type: 'startPlayback'; readonly positionS: number }
  | { readonly type: 'endOfStream' }
  | { readonly type: 'prefetchNextTrack'; readonly remainingS: number }
  /** The scheduler cannot go on (the sink refuses even one segment); the controller fails. */
  | { readonly type: 'error'; readonly code: 'SINK_QUOTA_EXCEEDED'; readonly message: string };

/** Result of one reducer step. */
export interface BufferStep {
  readonly state: BufferState;
  readonly commands: readonly BufferCommand[];
}

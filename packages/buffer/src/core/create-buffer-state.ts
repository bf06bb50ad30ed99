import { LegatoError } from '@legato/errors';
import { type Draft, fromDraft } from '../_internal/draft.js';
import { EMPTY } from '../_internal/drop.js';
import { settle } from '../_internal/settle.js';
import type { BufferConfig, BufferConfigInput, BufferStep, BufferTrack } from './buffer-types.js';

/** The defaults of {@link BufferConfig}. */
export const defaultBufferConfig: BufferConfig = Object.freeze({
  forwardGoalS: 40,
  backBufferS: 30,
  startupBufferS: 2,
  rebufferGoalS: 2,
  clearLeadS: 30,
  appendEncryptedBeforeKey: false,
  maxConcurrentFetches: 1,
  prefetchNextS: 20,
  replaceOnUpSwitch: false,
  replaceMinBufferS: 20,
  replaceMarginS: 10,
});

/** Options of {@link createBufferState}. */
export interface CreateBufferStateOptions {
  readonly track: BufferTrack;
  /** Representation to start with (the ABR's first choice). */
  readonly representationId: string;
  /** Its ladder rank (higher = better). @default 0 */
  readonly rank?: number;
  /** Where playback starts (resume position), seconds. @default 0 */
  readonly startPositionS?: number;
  /** Key ids already usable (a cached session). @default [] */
  readonly usableKids?: readonly string[];
  /** False for the next track of a gapless queue until the current one is fully appended. @default true */
  readonly sinkReady?: boolean;
  readonly config?: BufferConfigInput;
}

/**
 * The scheduler's first state and its startup commands: the init segment and the first segment
 * are fetched at once, phase `starting`.
 */
export function createBufferState(options: CreateBufferStateOptions): BufferStep {
  const config: BufferConfig = { ...defaultBufferConfig, ...options.config };
  validate(options, config);
  const d: Draft = {
    track: options.track,
    config,
    positionS: options.startPositionS ?? 0,
    playbackRate: 1,
    representationId: options.representationId,
    rank: options.rank ?? 0,
    slots: options.track.segments.map(() => EMPTY),
    inits: [],
    appendedInit: null,
    appending: null,
    usableKids: [...(options.usableKids ?? [])],
    knownClearEndS: 0,
    knownEncryptedStartS: Number.POSITIVE_INFINITY,
    quotaGoalS: Number.POSITIVE_INFINITY,
    quotaBlocked: false,
    sinkReady: options.sinkReady ?? true,
    endOfStreamSent: false,
    nextTrackRequested: false,
    nextRequestId: 1,
    phase: 'starting',
    targetS: options.startPositionS ?? 0,
    waitKid: null,
    commands: [],
  };
  settle(d);
  return fromDraft(d);
}

function validate(options: CreateBufferStateOptions, c: BufferConfig): void {
  const segs = options.track.segments;
  if (segs.length === 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      'track.segments: expected at least one segment, received none',
    );
  }
  let expectS = segs[0]?.startS ?? 0;
  for (const [i, s] of segs.entries()) {
    if (!(s.durationS > 0) || Math.abs(s.startS - expectS) > 1e-3) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `track.segments[${i}]: expected contiguous segments with durationS > 0 starting at ${expectS}, received startS=${s.startS} durationS=${s.durationS}`,
      );
    }
    expectS = s.startS + s.durationS;
  }
  const nonNegative: (keyof BufferConfig)[] = [
    'forwardGoalS',
    'backBufferS',
    'startupBufferS',
    'rebufferGoalS',
    'clearLeadS',
    'prefetchNextS',
    'replaceMinBufferS',
    'replaceMarginS',
  ];
  for (const key of nonNegative) {
    const v = c[key] as number;
    if (!(v >= 0)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `buffer.${key}: expected a number >= 0, received ${v}`,
      );
    }
  }
  if (c.forwardGoalS < Math.max(c.startupBufferS, c.rebufferGoalS)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `buffer.forwardGoalS: expected at least startupBufferS (${c.startupBufferS}) and rebufferGoalS (${c.rebufferGoalS}), received ${c.forwardGoalS}`,
    );
  }
  if (!Number.isInteger(c.maxConcurrentFetches) || c.maxConcurrentFetches < 1) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `buffer.maxConcurrentFetches: expected an integer >= 1, received ${c.maxConcurrentFetches}`,
    );
  }
}

import type {
  MediaSink,
  SinkEvent,
  SinkInitChunk,
  SinkSegmentChunk,
  TimeRangeS,
} from '@legato/buffer';
import { isLegatoError, LegatoError } from '@legato/errors';
import { readTrackProtection, type TrackProtection } from '@legato/isobmff';
import { asyncScheduler, type SchedulerLike, Subject, type Subscription } from 'rxjs';
import type { SoftwareClearKeyCdm } from '../cdm/software-clearkey-cdm.js';
import { unprotectInitSegment } from '../core/protect-init-segment.js';
import { addTimeRange, RANGE_EPSILON_S, rangeAt, removeTimeRange } from '../core/time-ranges.js';

/** Options of {@link createDecryptingMemorySink}. */
export interface DecryptingMemorySinkOptions {
  /** Decrypts encrypted segments; appends fail with its `CDM_*` error when the key is not usable. */
  readonly cdm: SoftwareClearKeyCdm;
  /** Drives the playhead. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Media seconds per scheduler second (2 = twice real time). @default 1 */
  readonly speed?: number;
  /** Playhead step, in scheduler milliseconds. @default 100 */
  readonly tickMs?: number;
  /** Appends beyond this many held bytes reject with `SINK_QUOTA_EXCEEDED`. @default Infinity */
  readonly quotaBytes?: number;
}

/** One segment the sink holds, decrypted. */
export interface SinkRecord {
  readonly representationId: string;
  readonly startS: number;
  readonly durationS: number;
  /** Whether it arrived encrypted (and was decrypted by the CDM). */
  readonly wasEncrypted: boolean;
  /** The clear fragment (decrypted; clear-lead fragments as appended). */
  readonly bytes: Uint8Array;
}

/** A {@link MediaSink} that decrypts in memory and plays a simulated playhead. */
export interface DecryptingMemorySink extends MediaSink {
  /** Held segments in presentation order (what a decoder would get). */
  records(): readonly SinkRecord[];
  /** The clear init segment of a representation (the `enca` entry restored), if appended. */
  clearInit(representationId: string): Uint8Array | undefined;
  /** Stops the playhead and completes `events$`. */
  dispose(): void;
}

const KEY_ERRORS: ReadonlySet<string> = new Set([
  'CDM_KEY_NOT_USABLE',
  'CDM_KEY_EXPIRED',
  'CDM_OUTPUT_RESTRICTED',
]);

/**
 * A decrypting in-memory {@link MediaSink} for Node tests and demos: encrypted segments are
 * decrypted through the software CDM at append time (an append whose key is not usable rejects
 * with the CDM's typed error and the sink remembers that range as waiting for a key), buffered
 * ranges are kept, and a playhead advances on the injected scheduler while playing, emitting
 * `waiting` (cause `buffer` or `key`) at a gap and `ended` after `endOfStream()`.
 */
export function createDecryptingMemorySink(
  options: DecryptingMemorySinkOptions,
): DecryptingMemorySink {
  const scheduler = options.scheduler ?? asyncScheduler;
  const speed = options.speed ?? 1;
  const tickMs = options.tickMs ?? 100;
  const quota = options.quotaBytes ?? Number.POSITIVE_INFINITY;
  const events = new Subject<SinkEvent>();
  const inits = new Map<
    string,
    {
      readonly clear: Uint8Array;
      readonly kid: string | undefined;
      readonly protection: TrackProtection | null;
    }
  >();
  let records: SinkRecord[] = [];
  let ranges: TimeRangeS[] = [];
  let keyBlocked: TimeRangeS[] = [];
  let positionS = 0;
  let playing = false;
  let stalled = false;
  let eos = false;
  let ended = false;
  let ticker: Subscription | undefined;
  let tickAtMs = 0;
  let heldBytes = 0;

  const emit = (event: SinkEvent) => events.next(event);
  const lastEnd = () => ranges[ranges.length - 1]?.endS ?? 0;

  /** Re-evaluates the playhead after any change: stall, resume or end. */
  const settle = () => {
    if (!playing || ended) return;
    if (rangeAt(ranges, positionS) !== undefined) {
      if (stalled) {
        stalled = false;
        emit({ type: 'playing', positionS });
      }
      if (ticker === undefined) tickAtMs = scheduler.now();
      ticker ??= scheduler.schedule(function tick() {
        // Advance by the time that really passed: a late timer (a busy event loop under a
        // scaled clock) must not leave the playhead behind the clock.
        const now = scheduler.now();
        const elapsedMs = now - tickAtMs;
        tickAtMs = now;
        advance(elapsedMs);
        if (playing && !ended && !stalled) this.schedule(undefined, tickMs);
        else ticker = undefined;
      }, tickMs);
      return;
    }
    if (eos && positionS >= lastEnd() - RANGE_EPSILON_S) {
      ended = true;
      playing = false;
      emit({ type: 'ended', positionS });
      return;
    }
    if (!stalled) {
      stalled = true;
      emit({
        type: 'waiting',
        positionS,
        cause: rangeAt(keyBlocked, positionS) ? 'key' : 'buffer',
      });
    }
  };

  const advance = (elapsedMs: number) => {
    const range = rangeAt(ranges, positionS);
    if (range === undefined) return settle();
    positionS = Math.min(range.endS, positionS + (elapsedMs / 1000) * speed);
    settle();
  };

  const stopTicker = () => {
    ticker?.unsubscribe();
    ticker = undefined;
  };

  const appendSegment = (chunk: SinkSegmentChunk): void => {
    const init = inits.get(chunk.representationId);
    if (init === undefined) {
      throw new LegatoError(
        'SINK_APPEND_FAILED',
        `append: expected an init segment for representation ${chunk.representationId} first, received a media segment`,
      );
    }
    let bytes = chunk.bytes;
    const endS = chunk.startS + chunk.durationS;
    if (chunk.encrypted) {
      const kid = chunk.kid ?? init.kid;
      if (kid === undefined)
        throw new LegatoError(
          'SINK_APPEND_FAILED',
          'append: expected a key id for an encrypted segment, received none',
        );
      try {
        bytes = options.cdm.decryptFragment(chunk.bytes, {
          defaultKid: kid,
          ...(init.protection === null ? {} : { protection: init.protection }),
        });
      } catch (error) {
        if (isLegatoError(error) && KEY_ERRORS.has(error.code))
          keyBlocked = addTimeRange(keyBlocked, chunk.startS, endS);
        throw error;
      }
    }
    if (heldBytes + bytes.length > quota) {
      throw new LegatoError(
        'SINK_QUOTA_EXCEEDED',
        `append: expected at most ${quota} held bytes, received ${heldBytes + bytes.length}`,
        { retryable: true },
      );
    }
    dropRecords(chunk.startS, endS);
    heldBytes += bytes.length;
    records.push({
      representationId: chunk.representationId,
      startS: chunk.startS,
      durationS: chunk.durationS,
      wasEncrypted: chunk.encrypted,
      bytes,
    });
    records.sort((a, b) => a.startS - b.startS);
    ranges = addTimeRange(ranges, chunk.startS, endS);
    keyBlocked = removeTimeRange(keyBlocked, chunk.startS, endS);
  };

  const dropRecords = (startS: number, endS: number) => {
    records = records.filter((r) => {
      const inside =
        r.startS >= startS - RANGE_EPSILON_S && r.startS + r.durationS <= endS + RANGE_EPSILON_S;
      if (inside) heldBytes -= r.bytes.length;
      return !inside;
    });
  };

  const appendInit = (chunk: SinkInitChunk): void => {
    const protection = readTrackProtection(chunk.bytes);
    inits.set(chunk.representationId, {
      clear: unprotectInitSegment(chunk.bytes),
      kid: protection?.tenc.defaultKid,
      protection,
    });
  };

  return {
    async append(chunk) {
      try {
        if (chunk.kind === 'init') appendInit(chunk);
        else appendSegment(chunk);
      } catch (error) {
        if (isLegatoError(error)) throw error;
        throw new LegatoError(
          'SINK_APPEND_FAILED',
          `append: the ${chunk.kind} of ${chunk.representationId} was rejected`,
          { cause: error },
        );
      }
      settle();
    },
    async remove(startS, endS) {
      dropRecords(startS, endS);
      ranges = removeTimeRange(ranges, startS, endS);
      // A segment removed piecewise (a back buffer trimmed in steps that cut through it) goes
      // once none of it is buffered any more: else a long session keeps every straddling one.
      records = records.filter((r) => {
        const endOfRecordS = r.startS + r.durationS;
        if (!(r.startS < endS && endOfRecordS > startS)) return true; // not touched by this removal
        const kept = ranges.some(
          (g) => g.startS < endOfRecordS - RANGE_EPSILON_S && g.endS > r.startS + RANGE_EPSILON_S,
        );
        if (!kept) heldBytes -= r.bytes.length;
        return kept;
      });
      settle();
    },
    buffered: () => ranges,
    positionS: () => positionS,
    play() {
      if (playing) return;
      playing = true;
      if (ended) {
        ended = false;
        positionS = ranges[0]?.startS ?? 0;
      }
      stalled = rangeAt(ranges, positionS) === undefined;
      if (!stalled) emit({ type: 'playing', positionS });
      else
        emit({
          type: 'waiting',
          positionS,
          cause: rangeAt(keyBlocked, positionS) ? 'key' : 'buffer',
        });
      settle();
    },
    pause() {
      if (!playing) return;
      playing = false;
      stalled = false;
      stopTicker();
      emit({ type: 'paused', positionS });
    },
    seek(to) {
      positionS = Math.max(0, to);
      ended = false;
      emit({ type: 'seeked', positionS });
      stalled = false;
      stopTicker();
      settle();
    },
    async endOfStream() {
      eos = true;
      settle();
    },
    events$: events.asObservable(),
    records: () => records,
    clearInit: (id) => inits.get(id)?.clear,
    dispose() {
      playing = false;
      stopTicker();
      events.complete();
    },
  };
}

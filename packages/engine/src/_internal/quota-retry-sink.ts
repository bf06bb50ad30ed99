import type { MediaSink, SinkInitChunk, SinkSegmentChunk, TimeRangeS } from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import { filter, firstValueFrom, interval, type SchedulerLike, Subject, takeUntil } from 'rxjs';

/** Media kept behind the playhead when the engine evicts for room, seconds. */
export const QUOTA_KEEP_BEHIND_S = 1;
/** Less than this buffered ahead of a playhead and still no room: the chunk can never fit, seconds. */
export const QUOTA_STARVED_AHEAD_S = 0.5;
/** How often a refused append looks at the playhead again, milliseconds. */
export const QUOTA_RETRY_MS = 250;

/** What {@link quotaRetrySink} reports while it holds an append back. */
export interface QuotaRetryHooks {
  /** The chunk cannot fit even with the sink nearly empty: the typed fatal, before the rejection. */
  readonly onTooLarge?: (error: LegatoError) => void;
}

/** A sink view whose appends survive a full sink; `cancel()` drops the waits (engine stop/load). */
export interface QuotaRetrySink extends MediaSink {
  cancel(): void;
}

/**
 * Makes a full sink (`SINK_QUOTA_EXCEEDED`, or a raw `QuotaExceededError`) wait instead of hang:
 * the refused append evicts what is more than {@link QUOTA_KEEP_BEHIND_S} behind the playhead and
 * is tried again at once, then again each time the playhead has moved on (played media becomes
 * evictable; Chromium also evicts it by itself), so one segment at a time still goes in when two
 * do not fit. When less than {@link QUOTA_STARVED_AHEAD_S} is buffered ahead and the chunk is
 * still refused, it can never fit: `SINK_SEGMENT_TOO_LARGE` (through `onTooLarge`, then the
 * rejection). Other errors pass through unchanged. Waits run on `scheduler`.
 */
export function quotaRetrySink(
  sink: MediaSink,
  scheduler: SchedulerLike,
  hooks: QuotaRetryHooks = {},
): QuotaRetrySink {
  const cancelled = new Subject<void>();

  const tryAppend = (chunk: SinkInitChunk | SinkSegmentChunk): Promise<boolean> =>
    sink.append(chunk).then(
      () => true,
      (error: unknown) => {
        if (isQuotaError(error)) return false;
        throw error;
      },
    );

  /** Resolves true once the playhead moved past `fromS` (or the sink starves), false if cancelled. */
  const playheadMoved = (fromS: number): Promise<boolean> =>
    firstValueFrom(
      interval(QUOTA_RETRY_MS, scheduler).pipe(
        filter(() => {
          const p = sink.positionS();
          return p > fromS || bufferedAheadS(sink.buffered(), p) < QUOTA_STARVED_AHEAD_S;
        }),
        takeUntil(cancelled),
      ),
      { defaultValue: null },
    ).then((v) => v !== null);

  const append = async (chunk: SinkInitChunk | SinkSegmentChunk): Promise<void> => {
    for (;;) {
      if (await tryAppend(chunk)) return;
      const positionS = sink.positionS();
      const start = sink.buffered()[0]?.startS ?? positionS;
      const evictToS = positionS - QUOTA_KEEP_BEHIND_S;
      if (evictToS > start) {
        await sink.remove(start, evictToS);
        if (await tryAppend(chunk)) return;
      }
      const aheadS = bufferedAheadS(sink.buffered(), positionS);
      if (aheadS < QUOTA_STARVED_AHEAD_S) {
        const error = tooLarge(chunk, positionS, aheadS);
        hooks.onTooLarge?.(error);
        throw error;
      }
      if (!(await playheadMoved(positionS))) {
        throw new LegatoError('ENGINE_STATE', 'append: cancelled while waiting for sink room');
      }
    }
  };

  return {
    ...sink,
    append,
    cancel: () => cancelled.next(),
  };
}

/** Seconds buffered from `positionS` to the end of the range holding it (0 outside any). */
export function bufferedAheadS(ranges: readonly TimeRangeS[], positionS: number): number {
  for (const r of ranges)
    if (r.startS <= positionS + 0.05 && positionS < r.endS) return r.endS - positionS;
  return 0;
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; name?: unknown };
  return e.code === 'SINK_QUOTA_EXCEEDED' || e.name === 'QuotaExceededError';
}

function tooLarge(
  chunk: SinkInitChunk | SinkSegmentChunk,
  positionS: number,
  aheadS: number,
): LegatoError {
  const at = chunk.kind === 'segment' ? ` at ${chunk.startS} s` : '';
  return new LegatoError(
    'SINK_SEGMENT_TOO_LARGE',
    `append: expected the ${chunk.kind} of '${chunk.representationId}'${at} (${chunk.bytes.byteLength} bytes) to fit once the sink held under ${QUOTA_STARVED_AHEAD_S} s ahead, received a quota error with ${aheadS.toFixed(2)} s ahead of ${positionS.toFixed(2)} s`,
    {
      details: {
        representationId: chunk.representationId,
        bytes: chunk.bytes.byteLength,
        positionS,
        bufferedAheadS: aheadS,
      },
    },
  );
}

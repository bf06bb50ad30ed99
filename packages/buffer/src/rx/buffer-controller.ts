import { LegatoError } from '@legato/errors';
import { asyncScheduler, interval, Observable, type SchedulerLike, Subscription } from 'rxjs';
import { createSinkQueue } from '../_internal/sink-queue.js';
import type {
  AppendTarget,
  BufferCommand,
  BufferEvent,
  BufferState,
  BufferStep,
  FetchTarget,
} from '../core/buffer-types.js';
import { type CreateBufferStateOptions, createBufferState } from '../core/create-buffer-state.js';
import { scheduleBuffer } from '../core/schedule-buffer.js';
import type { MediaSink } from '../media-sink.js';

/** What the media says about one downloaded segment. */
export interface SegmentInspection {
  readonly encrypted: boolean;
  readonly kid: string | null;
}

/** Options of {@link bufferController$}. */
export interface BufferControllerOptions extends CreateBufferStateOptions {
  /** Where media goes. */
  readonly sink: MediaSink;
  /** Downloads one init or media segment: cold, one value (the bytes), unsubscribe aborts. */
  readonly loadSegment: (target: FetchTarget) => Observable<Uint8Array>;
  /** MIME type and codecs of a representation, for init appends. */
  readonly describeRepresentation: (representationId: string) => {
    readonly mimeType: string;
    readonly codecs: string;
  };
  /** Reads whether a segment is encrypted (`senc`, `seig`); without it the clear lead is assumed. */
  readonly inspectSegment?: (bytes: Uint8Array) => SegmentInspection | null;
  /** Events from the rest of the player: key status, ABR choice, seek, rate, sink-ready. */
  readonly events$?: Observable<BufferEvent>;
  /** Sink time of the track's time 0 (the next track of a gapless queue starts later), seconds. @default 0 */
  readonly timeOffsetS?: number;
  /** How often the sink's playhead is read, milliseconds. @default 250 */
  readonly playheadIntervalMs?: number;
  /** Call `sink.endOfStream()` when the track is fully appended (false inside a gapless queue). @default true */
  readonly signalEndOfStream?: boolean;
  /** Time source for the playhead polling. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Drives {@link scheduleBuffer} against a sink: runs its fetches through `loadSegment`, holds
 * downloaded bytes until they may be appended, serializes appends and evictions on the sink, polls
 * the playhead, and emits every step (state + commands) so the player can act on `startPlayback`,
 * `stall`, `waitForKey`, `endOfStream` and `prefetchNextTrack`. Cold; unsubscribing aborts the
 * downloads in flight and drops held bytes. Errors: a failed download (as `loadSegment` raised
 * it), `SINK_APPEND_FAILED`, `SINK_QUOTA_EXCEEDED` when the sink cannot hold one segment.
 */
export function bufferController$(options: BufferControllerOptions): Observable<BufferStep> {
  return new Observable<BufferStep>((subscriber) => {
    const offsetS = options.timeOffsetS ?? 0;
    const scheduler = options.scheduler ?? asyncScheduler;
    const fetches = new Map<number, Subscription>();
    const bytesById = new Map<number, Uint8Array>();
    const inbox: BufferEvent[] = [];
    const teardown = new Subscription();
    const sinkQueue = createSinkQueue();
    let state: BufferState;
    let draining = false;
    let closed = false;

    const fail = (error: unknown): void => {
      if (closed) return;
      closed = true;
      subscriber.error(error);
    };

    const dispatch = (event: BufferEvent): void => {
      inbox.push(event);
      if (draining) return;
      draining = true;
      try {
        for (let e = inbox.shift(); e && !closed; e = inbox.shift()) {
          const step = scheduleBuffer(state, e);
          state = step.state;
          subscriber.next(step);
          execute(step.commands);
        }
      } finally {
        draining = false;
      }
    };

    const execute = (commands: readonly BufferCommand[]): void => {
      for (const c of commands) {
        if (closed) return;
        switch (c.type) {
          case 'fetch':
            startFetch(c.requestId, c.target);
            break;
          case 'abort':
            fetches.get(c.requestId)?.unsubscribe();
            fetches.delete(c.requestId);
            break;
          case 'discard':
            bytesById.delete(c.requestId);
            break;
          case 'append':
            append(c.target);
            break;
          case 'evict':
            sinkQueue.run(
              () => options.sink.remove(c.startS + offsetS, c.endS + offsetS),
              () => undefined,
              (error) => fail(sinkError('remove', error)),
            );
            break;
          case 'endOfStream':
            if (options.signalEndOfStream ?? true) {
              sinkQueue.run(
                () => options.sink.endOfStream(),
                () => undefined,
                (error) => fail(sinkError('endOfStream', error)),
              );
            }
            break;
          case 'error':
            fail(new LegatoError(c.code, c.message));
            break;
          default:
            break;
        }
      }
    };

    const startFetch = (requestId: number, target: FetchTarget): void => {
      let settled = false;
      const sub = options.loadSegment(target).subscribe({
        next: (bytes) => {
          if (settled) return;
          settled = true;
          fetches.delete(requestId);
          bytesById.set(requestId, bytes);
          if (target.kind === 'init') {
            dispatch({ type: 'segment-loaded', requestId, bytes: bytes.byteLength });
            return;
          }
          let seen: SegmentInspection | null;
          try {
            seen = options.inspectSegment?.(bytes) ?? null;
          } catch (error) {
            fail(error);
            return;
          }
          dispatch({
            type: 'segment-loaded',
            requestId,
            bytes: bytes.byteLength,
            ...(seen ? { encrypted: seen.encrypted, kid: seen.kid } : {}),
          });
        },
        error: fail,
      });
      if (settled) sub.unsubscribe();
      else fetches.set(requestId, sub);
    };

    const append = (t: AppendTarget): void => {
      const bytes = bytesById.get(t.requestId);
      if (!bytes) {
        fail(
          new LegatoError(
            'SINK_APPEND_FAILED',
            `append: expected held bytes for request ${t.requestId}, received none`,
          ),
        );
        return;
      }
      if (t.kind === 'segment') bytesById.delete(t.requestId);
      const chunk =
        t.kind === 'init'
          ? {
              kind: 'init' as const,
              representationId: t.representationId,
              ...options.describeRepresentation(t.representationId),
              bytes,
            }
          : {
              kind: 'segment' as const,
              representationId: t.representationId,
              bytes,
              startS: t.startS + offsetS,
              durationS: t.durationS,
              encrypted: t.encrypted,
              ...(t.kid === null ? {} : { kid: t.kid }),
            };
      sinkQueue.run(
        () => options.sink.append(chunk),
        () => dispatch({ type: 'append-done' }),
        (error) => {
          if (!isQuotaError(error)) {
            fail(sinkError('append', error));
            return;
          }
          if (t.kind === 'segment') bytesById.set(t.requestId, bytes); // held again for the retry
          dispatch({ type: 'quota-exceeded' });
        },
      );
    };

    const first = createBufferState(options);
    state = first.state;
    subscriber.next(first);
    execute(first.commands);

    const intervalMs = options.playheadIntervalMs ?? 250;
    teardown.add(
      interval(intervalMs, scheduler).subscribe(() => {
        const positionS = options.sink.positionS() - offsetS;
        if (positionS !== state.positionS) dispatch({ type: 'playhead', positionS });
      }),
    );
    if (options.events$) teardown.add(options.events$.subscribe({ next: dispatch, error: fail }));
    if (options.signalEndOfStream ?? true) {
      teardown.add(
        options.sink.events$.subscribe((e) => {
          if (e.type === 'ended') dispatch({ type: 'track-end' });
        }),
      );
    }

    return () => {
      closed = true;
      teardown.unsubscribe();
      for (const sub of fetches.values()) sub.unsubscribe();
      fetches.clear();
      bytesById.clear();
      sinkQueue.close();
    };
  });
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; name?: unknown };
  return e.code === 'SINK_QUOTA_EXCEEDED' || e.name === 'QuotaExceededError';
}

function sinkError(operation: string, cause: unknown): LegatoError {
  const what = cause instanceof Error ? cause.message : String(cause);
  return new LegatoError(
    'SINK_APPEND_FAILED',
    `sink.${operation}: expected success, received ${what}`,
    { cause },
  );
}

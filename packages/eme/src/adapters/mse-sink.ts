import type {
  MediaSink,
  SinkEvent,
  SinkInitChunk,
  SinkSegmentChunk,
  TimeRangeS,
} from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import { fromEvent, map, merge, type Observable } from 'rxjs';
import { toLegatoError } from '../_internal/to-legato-error.js';

/** Options of {@link mseSink}. */
export interface MseSinkOptions {
  /** The `<audio>`/`<video>` element that plays the MediaSource. */
  readonly mediaElement: HTMLMediaElement;
  /**
   * Awaited once before the first append. Pass `() => cdm.ready()` so MediaKeys are attached
   * before any media: Chrome fails on encrypted data appended after clear data without them.
   * @default none
   */
  readonly beforeFirstAppend?: () => Promise<unknown>;
  /** Creates the MediaSource. @default () => new MediaSource() */
  readonly createMediaSource?: () => MediaSource;
  /** Presentation duration in seconds, set once the MediaSource opens. @default unset (from the media) */
  readonly durationS?: number;
}

/** A `MediaSink` over MSE, plus its lifecycle. */
export interface MseSink extends MediaSink {
  /** The MediaSource the element plays. */
  readonly mediaSource: MediaSource;
  /** `mime; codecs="…"` of the current SourceBuffer, or null before the first init chunk. */
  mimeCodec(): string | null;
  /** Detaches the MediaSource from the element and revokes its object URL. */
  dispose(): void;
}

/**
 * The MSE media sink: one SourceBuffer fed through a queue that waits for `updateend`;
 * `changeType` when an init chunk brings another codec (Opus ↔ FLAC across adaptation sets);
 * `QuotaExceededError` → `SINK_QUOTA_EXCEEDED` (retryable: the buffer reducer evicts, then
 * retries); element events → `events$` (`waiting` / `waitingforkey` as stalls).
 *
 * @example
 * ```ts
 * const sink = mseSink({ mediaElement: audio, beforeFirstAppend: () => cdm.ready() });
 * await sink.append({ kind: 'init', representationId: 'flac', mimeType: 'audio/mp4', codecs: 'flac', bytes: init });
 * ```
 */
export function mseSink(options: MseSinkOptions): MseSink {
  const element = options.mediaElement;
  const mediaSource = options.createMediaSource?.() ?? new MediaSource();
  const url = URL.createObjectURL(mediaSource);
  const opened = new Promise<void>((resolve) => {
    mediaSource.addEventListener(
      'sourceopen',
      () => {
        if (options.durationS !== undefined) mediaSource.duration = options.durationS;
        resolve();
      },
      { once: true },
    );
  });
  element.src = url;
  let sourceBuffer: SourceBuffer | undefined;
  let currentType: string | null = null;
  let first: Promise<unknown> | undefined;
  // Whether the player signalled end of stream: MSE re-opens an ended MediaSource on `remove()`
  // (back-buffer eviction after the last append), which would keep the element from ending.
  let ended = false;
  let tail: Promise<unknown> = Promise.resolve();

  const enqueue = <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op);
    tail = run.catch(() => undefined);
    return run;
  };

  const ensureOpen = async (what: string): Promise<void> => {
    await opened;
    if (mediaSource.readyState === 'closed') {
      throw new LegatoError(
        'MSE_SOURCE_CLOSED',
        `${what}: expected an open MediaSource, received readyState 'closed'`,
      );
    }
  };

  const prepare = async (chunk: SinkInitChunk): Promise<SourceBuffer> => {
    const type = `${chunk.mimeType}; codecs="${chunk.codecs}"`;
    // The MediaSource's own class (ManagedMediaSource on Safari when injected) answers for its types.
    const source = mediaSource.constructor as typeof MediaSource;
    if (!(source.isTypeSupported ?? MediaSource.isTypeSupported)(type)) {
      throw new LegatoError(
        'MSE_TYPE_UNSUPPORTED',
        `append: expected a type MediaSource supports, received '${type}'`,
        {
          details: { type, representationId: chunk.representationId },
        },
      );
    }
    if (!sourceBuffer) {
      try {
        sourceBuffer = mediaSource.addSourceBuffer(type);
      } catch (error) {
        throw toLegatoError(error, 'MSE_TYPE_UNSUPPORTED', `addSourceBuffer('${type}')`);
      }
    } else if (type !== currentType) {
      if (typeof sourceBuffer.changeType !== 'function') {
        throw new LegatoError(
          'MSE_TYPE_UNSUPPORTED',
          `append: expected SourceBuffer.changeType to switch '${currentType}' → '${type}', received none`,
        );
      }
      sourceBuffer.changeType(type);
    }
    currentType = type;
    return sourceBuffer;
  };

  const append = (chunk: SinkInitChunk | SinkSegmentChunk): Promise<void> =>
    enqueue(async () => {
      await ensureOpen('append');
      first ??= options.beforeFirstAppend?.() ?? Promise.resolve();
      await first;
      ended = false;
      const sb = chunk.kind === 'init' ? await prepare(chunk) : sourceBuffer;
      if (!sb) {
        throw new LegatoError(
          'SINK_APPEND_FAILED',
          `append: expected an init chunk before the first segment, received segment of '${chunk.representationId}'`,
        );
      }
      await update(
        sb,
        () => sb.appendBuffer(chunk.bytes as Uint8Array<ArrayBuffer>),
        `appendBuffer(${chunk.kind} of '${chunk.representationId}')`,
      );
    });

  const events$: Observable<SinkEvent> = merge(
    fromEvent(element, 'playing').pipe(
      map((): SinkEvent => ({ type: 'playing', positionS: element.currentTime })),
    ),
    fromEvent(element, 'pause').pipe(
      map((): SinkEvent => ({ type: 'paused', positionS: element.currentTime })),
    ),
    fromEvent(element, 'waiting').pipe(
      map((): SinkEvent => ({ type: 'waiting', positionS: element.currentTime, cause: 'buffer' })),
    ),
    fromEvent(element, 'waitingforkey').pipe(
      map((): SinkEvent => ({ type: 'waiting', positionS: element.currentTime, cause: 'key' })),
    ),
    fromEvent(element, 'seeked').pipe(
      map((): SinkEvent => ({ type: 'seeked', positionS: element.currentTime })),
    ),
    fromEvent(element, 'ended').pipe(
      map((): SinkEvent => ({ type: 'ended', positionS: element.currentTime })),
    ),
    fromEvent(element, 'error').pipe(
      map((): SinkEvent => {
        const e = element.error;
        return {
          type: 'error',
          error: new LegatoError(
            'MSE_SOURCE_CLOSED',
            `media element error ${e?.code ?? '?'}: ${e?.message ?? 'unknown'}`,
            {
              details: { mediaErrorCode: e?.code ?? null },
            },
          ),
        };
      }),
    ),
  );

  return {
    mediaSource,
    mimeCodec: () => currentType,
    append,
    remove: (startS, endS) =>
      enqueue(async () => {
        await ensureOpen('remove');
        const sb = sourceBuffer;
        if (!sb || endS <= startS) return;
        await update(sb, () => sb.remove(startS, endS), `remove(${startS}, ${endS})`);
        if (ended && mediaSource.readyState === 'open') mediaSource.endOfStream();
      }),
    buffered: () => {
      const out: TimeRangeS[] = [];
      const ranges = sourceBuffer?.buffered;
      if (ranges)
        for (let i = 0; i < ranges.length; i++)
          out.push({ startS: ranges.start(i), endS: ranges.end(i) });
      return out;
    },
    positionS: () => element.currentTime,
    play: () => {
      element.play().catch(() => undefined); // autoplay refusals surface as a `pause`/no `playing`
    },
    pause: () => element.pause(),
    seek: (positionS) => {
      element.currentTime = positionS;
    },
    endOfStream: () =>
      enqueue(async () => {
        await ensureOpen('endOfStream');
        ended = true;
        if (mediaSource.readyState === 'open') mediaSource.endOfStream();
      }),
    events$,
    dispose: () => {
      URL.revokeObjectURL(url);
      element.removeAttribute('src');
      element.load();
    },
  };
}

/** Runs one SourceBuffer operation and resolves on `updateend` (rejects on `error`/`abort`). */
function update(sb: SourceBuffer, start: () => void, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: LegatoError) => {
      sb.removeEventListener('updateend', onEnd);
      sb.removeEventListener('error', onError);
      sb.removeEventListener('abort', onError);
      if (error) reject(error);
      else resolve();
    };
    const onEnd = () => done();
    const onError = (e: Event) =>
      done(new LegatoError('SINK_APPEND_FAILED', `${what}: SourceBuffer fired '${e.type}'`));
    sb.addEventListener('updateend', onEnd);
    sb.addEventListener('error', onError);
    sb.addEventListener('abort', onError);
    try {
      start();
    } catch (error) {
      const name = (error as { name?: string }).name;
      done(
        name === 'QuotaExceededError'
          ? toLegatoError(error, 'SINK_QUOTA_EXCEEDED', `${what}: the SourceBuffer is full`, true)
          : toLegatoError(error, 'SINK_APPEND_FAILED', what),
      );
    }
  });
}

import type { MediaSink } from '@legato/buffer';

/**
 * A view of a sink whose asynchronous operations (append, remove, endOfStream) run one at a
 * time, in call order, as MSE's SourceBuffer requires, even when several tracks of a gapless
 * queue (and the engine) use it at once.
 */
export function serializeSink(sink: MediaSink): MediaSink {
  let tail: Promise<unknown> = Promise.resolve();
  const chain = <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    append: (chunk) => chain(() => sink.append(chunk)),
    remove: (startS, endS) => chain(() => sink.remove(startS, endS)),
    endOfStream: () => chain(() => sink.endOfStream()),
    buffered: () => sink.buffered(),
    positionS: () => sink.positionS(),
    play: () => sink.play(),
    pause: () => sink.pause(),
    seek: (positionS) => sink.seek(positionS),
    events$: sink.events$,
  };
}

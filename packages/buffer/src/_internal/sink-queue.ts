/**
 * Serializes sink operations (append, remove, endOfStream): each starts when the previous one
 * settled, as MSE's SourceBuffer requires. After `close()` no callback runs.
 */
export interface SinkQueue {
  run(op: () => Promise<void>, ok: () => void, fail: (error: unknown) => void): void;
  close(): void;
}

/** Creates a {@link SinkQueue}. */
export function createSinkQueue(): SinkQueue {
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  return {
    run(op, ok, fail) {
      tail = tail.then(async () => {
        if (closed) return;
        try {
          await op();
        } catch (error) {
          if (!closed) fail(error);
          return;
        }
        if (!closed) ok();
      });
    },
    close() {
      closed = true;
    },
  };
}

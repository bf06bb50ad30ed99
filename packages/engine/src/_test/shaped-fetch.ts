/**
 * Test helper for virtual-time engine tests: an in-memory WHATWG `fetch` whose response bodies
 * arrive at a link rate on the injected scheduler. The head comes after `latencyMs`, then the
 * body in chunks of `chunkBytes`, each chunk taking its bits over the rate in force when it
 * starts (`bitsPerSecondAt(nowMs)`), shared equally by the bodies in flight. Nothing runs on real
 * timers: every chunk is enqueued from a scheduler action, and a reader's promise settles in the
 * microtasks after it, so a virtual clock that drains promises after each step sees the same
 * bytes at the same virtual time on every run. Aborting the request (its `AbortSignal`) cancels
 * the pending chunk and errors the body.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import { answerFromMemory, requestOf, type SeenRequest } from './synthetic-origin.js';

/** Options of {@link createShapedFetch}. */
export interface ShapedFetchOptions {
  readonly scheduler: SchedulerLike;
  /** The link rate at a virtual time (ms), bits per second. */
  readonly bitsPerSecondAt: (nowMs: number) => number;
  /** Time to the response head, ms. @default 20 */
  readonly latencyMs?: number;
  /** Body chunk size, bytes. @default 16384 */
  readonly chunkBytes?: number;
}

/** A shaped fetch over `files`, and the requests it saw (with the virtual time each started). */
export function createShapedFetch(
  files: Map<string, Uint8Array>,
  options: ShapedFetchOptions,
): { fetch: typeof globalThis.fetch; seen: (SeenRequest & { readonly atMs: number })[] } {
  const { scheduler, bitsPerSecondAt } = options;
  const latencyMs = options.latencyMs ?? 20;
  const chunkBytes = options.chunkBytes ?? 16_384;
  const seen: (SeenRequest & { readonly atMs: number })[] = [];
  let inFlight = 0;

  const shape = (body: Uint8Array, signal: AbortSignal | null | undefined) => {
    let pending: Subscription | undefined;
    let open = true;
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      start(controller) {
        inFlight++;
        const finish = () => {
          if (!open) return;
          open = false;
          inFlight--;
          pending?.unsubscribe();
        };
        const next = () => {
          if (sent >= body.length) {
            finish();
            controller.close();
            return;
          }
          const size = Math.min(chunkBytes, body.length - sent);
          const shareBps = bitsPerSecondAt(scheduler.now()) / Math.max(1, inFlight);
          pending = scheduler.schedule(
            () => {
              controller.enqueue(body.subarray(sent, sent + size));
              sent += size;
              next();
            },
            ((size * 8) / shareBps) * 1000,
          );
        };
        signal?.addEventListener('abort', () => {
          if (!open) return;
          finish();
          controller.error(signal.reason);
        });
        next();
      },
      cancel() {
        if (!open) return;
        open = false;
        inFlight--;
        pending?.unsubscribe();
      },
    });
  };

  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const atMs = scheduler.now();
    await new Promise<void>((resolve) => scheduler.schedule(() => resolve(), latencyMs));
    init?.signal?.throwIfAborted();
    const { url, range } = requestOf(input, init);
    const answer = answerFromMemory(files, url, range);
    seen.push({ url, range, status: answer.status, atMs });
    return new Response(answer.body && shape(answer.body, init?.signal), {
      status: answer.status,
      headers: answer.headers,
    });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

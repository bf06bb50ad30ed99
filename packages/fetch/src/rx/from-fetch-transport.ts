import { Observable } from 'rxjs';
import type { HttpEvent, HttpPort, Transport } from './http-port.js';

/**
 * Adapts a WHATWG `fetch` to a {@link HttpPort}: the body is read chunk by chunk through its
 * `ReadableStream` (never `arrayBuffer()`), and unsubscribing aborts the request through an
 * `AbortController` and cancels the body reader, so no socket or late event outlives it.
 *
 * @example
 * ```ts
 * const http = fromFetchTransport(globalThis.fetch);
 * http({ url, method: 'GET', headers: { Range: 'bytes=0-99' } }).subscribe(console.log);
 * ```
 */
export function fromFetchTransport(transport: Transport): HttpPort {
  return (request) =>
    new Observable<HttpEvent>((subscriber) => {
      const controller = new AbortController();
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
      let settled = false;
      const run = async (): Promise<void> => {
        const response = await transport(request.url, {
          method: request.method,
          headers: request.headers,
          signal: controller.signal,
        });
        if (subscriber.closed) {
          await response.body?.cancel().catch(ignore);
          return;
        }
        subscriber.next({ type: 'head', status: response.status, headers: response.headers });
        if (response.body === null) {
          settled = true;
          subscriber.complete();
          return;
        }
        reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (subscriber.closed) return;
          if (done) break;
          if (value.length > 0) subscriber.next({ type: 'chunk', bytes: value });
        }
        settled = true;
        subscriber.complete();
      };
      run().catch((error: unknown) => {
        settled = true;
        if (!subscriber.closed) subscriber.error(error);
      });
      return () => {
        if (settled) return;
        controller.abort();
        reader?.cancel().catch(ignore);
      };
    });
}

function ignore(): void {}

import { fromFetchTransport, type HttpEvent, type Transport } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

const request = {
  url: 'https://cdn.example/t.mp4',
  method: 'GET' as const,
  headers: { Range: 'bytes=0-3' },
};

function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
}

describe('fromFetchTransport', () => {
  it('emits the head, each body chunk, then completes; passes method, headers and a signal', async () => {
    const seen: RequestInit[] = [];
    const body = streamOf([Uint8Array.of(1, 2), Uint8Array.of(3, 4)]);
    const transport: Transport = async (_url, init) => {
      seen.push(init);
      return new Response(body, { status: 206, headers: { 'Content-Range': 'bytes 0-3/10' } });
    };
    const events: HttpEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      fromFetchTransport(transport)(request).subscribe({
        next: (e) => events.push(e),
        error: reject,
        complete: resolve,
      });
    });
    expect(events.map((e) => e.type)).toEqual(['head', 'chunk', 'chunk']);
    expect(events[0]?.type === 'head' && events[0].headers.get('content-range')).toBe(
      'bytes 0-3/10',
    );
    expect(seen[0]).toMatchObject({ method: 'GET', headers: { Range: 'bytes=0-3' } });
    expect(seen[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('aborts the request when unsubscribed before the response', async () => {
    let signal: AbortSignal | undefined;
    const transport: Transport = (_url, init) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => {});
    };
    const sub = fromFetchTransport(transport)(request).subscribe();
    await Promise.resolve();
    expect(signal?.aborted).toBe(false);
    sub.unsubscribe();
    expect(signal?.aborted).toBe(true);
  });

  it('cancels the body reader when unsubscribed mid-body, with no late event', async () => {
    let signal: AbortSignal | undefined;
    let pull: ReadableStreamDefaultController<Uint8Array> | undefined;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        pull = c;
        c.enqueue(Uint8Array.of(1));
      },
      cancel() {
        cancelled = true;
      },
    });
    const transport: Transport = async (_url, init) => {
      signal = init.signal ?? undefined;
      return new Response(body, { status: 206 });
    };
    const events: HttpEvent[] = [];
    const sub = fromFetchTransport(transport)(request).subscribe((e) => events.push(e));
    for (let i = 0; i < 20 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 1));
    expect(events.map((e) => e.type)).toEqual(['head', 'chunk']);
    sub.unsubscribe();
    expect(signal?.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(cancelled).toBe(true);
    expect(() => pull?.enqueue(Uint8Array.of(2))).toThrow();
    expect(events).toHaveLength(2);
  });

  it('errors with the transport failure', async () => {
    const failure = new TypeError('fetch failed');
    const transport: Transport = () => Promise.reject(failure);
    await expect(
      new Promise((resolve, reject) =>
        fromFetchTransport(transport)(request).subscribe({
          error: reject,
          complete: () => resolve(undefined),
        }),
      ),
    ).rejects.toBe(failure);
  });
});

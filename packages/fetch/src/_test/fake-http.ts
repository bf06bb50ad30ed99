import type { HttpEvent, HttpPort, HttpRequest, SegmentRequest } from '@legato/fetch';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';

/** A response head event with WHATWG Headers. */
export function head(status: number, headers: Record<string, string> = {}): HttpEvent {
  return { type: 'head', status, headers: new Headers(headers) };
}

/** A body chunk event. */
export function chunk(bytes: Uint8Array): HttpEvent {
  return { type: 'chunk', bytes };
}

/** Bytes 0, 1, 2 … (mod 256) starting at `from`. */
export function bytes(length: number, from = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (from + i) & 0xff);
}

/**
 * A scripted HttpPort: the n-th request gets the n-th response Observable (marble `cold`s in
 * TestScheduler tests). Every request is recorded.
 */
export function scriptedHttp(responses: readonly (() => Observable<HttpEvent>)[]): {
  http: HttpPort;
  requests: HttpRequest[];
} {
  const requests: HttpRequest[] = [];
  const http: HttpPort = (request) => {
    const next = responses[requests.length];
    requests.push(request);
    if (!next) throw new Error(`unscripted request #${requests.length} to ${request.url}`);
    return next();
  };
  return { http, requests };
}

/** Runs a marble test; a function it returns is called after the virtual clock has flushed. */
export function marbles(body: Parameters<TestScheduler['run']>[0]): void {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  const after: unknown = scheduler.run(body);
  if (typeof after === 'function') after();
}

/**
 * Describes the first difference between two byte arrays, or `undefined` when equal. Much
 * faster than a deep `toEqual` on large arrays; use `expect(bytesDiff(a, b)).toBeUndefined()`.
 */
export function bytesDiff(actual: Uint8Array, expected: Uint8Array): string | undefined {
  if (actual.length !== expected.length) {
    return `length ${actual.length}, expected ${expected.length}`;
  }
  const i = actual.findIndex((b, k) => b !== expected[k]);
  return i < 0 ? undefined : `byte ${i} is ${actual[i]}, expected ${expected[i]}`;
}

/** A media request for `range` on one signed URL (its query must never reach an error). */
export function media(range = { start: 10, end: 13 }): SegmentRequest {
  return { urls: ['https://cdn-a.example/t.mp4?token=secret'], range, kind: 'media' };
}

/** A 206 head whose Content-Range and Content-Length match `start`–`end` of a `size`-byte file. */
export function ok206(start: number, end: number, size = 100): HttpEvent {
  return head(206, {
    'content-range': `bytes ${start}-${end}/${size}`,
    'content-length': String(end - start + 1),
  });
}

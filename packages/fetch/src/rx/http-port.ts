import type { Observable } from 'rxjs';

/** The request a {@link HttpPort} performs (always a GET for segment bytes). */
export interface HttpRequest {
  /** Absolute URL. */
  readonly url: string;
  /** HTTP method. */
  readonly method: 'GET';
  /** Request headers, exactly as to be sent. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Response header look-up (a WHATWG `Headers` fits). Names are case-insensitive. */
export interface HttpHeaders {
  get(name: string): string | null;
}

/** What a {@link HttpPort} emits: one `head`, then body `chunk`s; completion = end of body. */
export type HttpEvent =
  | { readonly type: 'head'; readonly status: number; readonly headers: HttpHeaders }
  | { readonly type: 'chunk'; readonly bytes: Uint8Array };

/**
 * The low-level HTTP port under `fetchSegment$`: a cold Observable per request that emits the
 * response head, then each body chunk as it arrives, and completes when the body ends. It errors
 * on a transport failure and aborts the request when unsubscribed. `fromFetchTransport` adapts a
 * WHATWG `fetch`; write your own for platforms without streaming fetch (an XHR with
 * `onprogress`, a native HTTP stack).
 */
export type HttpPort = (request: HttpRequest) => Observable<HttpEvent>;

/** The WHATWG `fetch` signature (`globalThis.fetch` in Node ≥ 18 and browsers fits as is). */
export type Transport = (input: string, init: RequestInit) => Promise<Response>;

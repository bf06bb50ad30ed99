/** A scripted misbehaviour of the loopback origin. */
export type OriginFaultAction =
  /** Answer with this status (500, 503, 429…) and an optional `Retry-After` value. */
  | { readonly type: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Send `afterBytes` of the body, then destroy the connection (TCP reset mid-body). */
  | { readonly type: 'reset'; readonly afterBytes: number }
  /**
   * Send `afterBytes` (at most all but the last byte), then go silent for `durationMs` (forever
   * by default) before going on.
   */
  | { readonly type: 'stall'; readonly afterBytes: number; readonly durationMs?: number }
  /** Ignore `Range`: answer 200 with the whole file. */
  | { readonly type: 'ignore-range' }
  /** Answer 206 with the right bytes but a `Content-Range` shifted by `shiftBytes` (default 1). */
  | { readonly type: 'wrong-content-range'; readonly shiftBytes?: number }
  /** Announce the full range, send `afterBytes`, end the body cleanly (no `Content-Length`). */
  | { readonly type: 'truncate'; readonly afterBytes: number }
  /** Answer 403 once the origin clock has passed `afterMs` (a signed playback URL expired). */
  | { readonly type: 'expire'; readonly afterMs: number }
  /**
   * Send the whole body, then never end the response (a server that forgets `end()`): with
   * `Content-Length` the client holds a complete response on a connection the server never
   * finishes; `chunked: true` sends no `Content-Length`, so the body's end never arrives and
   * only the `Content-Range` length says the bytes are all there.
   */
  | { readonly type: 'hold-open'; readonly chunked?: boolean };

/** Which requests a fault hits; every given condition must hold. */
export interface OriginFaultMatch {
  /** 1-based number of the request since the origin started (OPTIONS preflights not counted). */
  readonly requestNumber?: number;
  /** Request path (without query) equal to this string, or matching this RegExp. */
  readonly path?: string | RegExp;
}

/** A fault and the requests it hits. */
export type OriginFault = OriginFaultAction & {
  /** Requests it applies to. @default every request */
  readonly match?: OriginFaultMatch;
  /** How many matching requests it hits before it is spent. @default Infinity */
  readonly times?: number;
};

/** Picks the fault for each request, first match wins, counting down `times`. */
export interface FaultBook {
  add(fault: OriginFault): void;
  take(requestNumber: number, path: string, originNowMs: number): OriginFaultAction | undefined;
}

/** Creates a {@link FaultBook} over an initial list of faults. */
export function createFaultBook(faults: readonly OriginFault[]): FaultBook {
  const entries = faults.map((fault) => ({ fault, left: fault.times ?? Number.POSITIVE_INFINITY }));
  return {
    add(fault) {
      entries.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    take(requestNumber, path, originNowMs) {
      for (const entry of entries) {
        const { fault } = entry;
        if (entry.left <= 0) continue;
        const m = fault.match;
        if (m?.requestNumber !== undefined && m.requestNumber !== requestNumber) continue;
        if (m?.path !== undefined) {
          if (typeof m.path === 'string' ? m.path !== path : !m.path.test(path)) continue;
        }
        if (fault.type === 'expire' && originNowMs < fault.afterMs) continue;
        entry.left -= 1;
        return fault;
      }
      return undefined;
    },
  };
}

import type { Trace } from '@legato/sim';
import type { OriginFault, OriginFaultAction, OriginFaultMatch } from './origin-fault.js';

/** Options of `startOrigin`. */
export interface OriginOptions {
  /** Files served, by URL path (`'/audio/track.mp4'` → bytes). */
  readonly files: Readonly<Record<string, Uint8Array>>;
  /** Network trace shaping the shared link (rate and per-request latency). @default unshaped */
  readonly trace?: Trace;
  /** Trace time runs this many times faster than wall time (rates scale up alike). @default 1 */
  readonly speed?: number;
  /** Extra wall-clock latency before every response head, in ms. @default 0 */
  readonly latencyMs?: number;
  /** Scripted faults; first match wins. @default [] */
  readonly faults?: readonly OriginFault[];
  /** Write size of a shaped or faulted body, in bytes. @default 16384 */
  readonly chunkBytes?: number;
  /**
   * Headers that requests for matching paths must carry (name → exact value), else 403 — a CDN
   * that requires the audio object's `audioSegmentHeaders`. @default none
   */
  readonly requireHeaders?: {
    readonly headers: Readonly<Record<string, string>>;
    /** Paths it applies to. @default every path */
    readonly match?: Pick<OriginFaultMatch, 'path'>;
  };
  /** Requests kept in `requests` (the oldest are dropped past it: soaks stay flat). @default 10000 */
  readonly maxLoggedRequests?: number;
}

/** One request the origin received. */
export interface OriginRequestRecord {
  /** 1-based request number (OPTIONS preflights are recorded with number 0). */
  readonly number: number;
  /** HTTP method. */
  readonly method: string;
  /** Path and query as requested. */
  readonly url: string;
  /** Path without query. */
  readonly path: string;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The satisfiable byte range asked for, if any (inclusive). */
  readonly range: { readonly start: number; readonly end: number } | undefined;
  /** Status answered. */
  readonly status: number;
  /** The fault applied, if any. */
  readonly fault: OriginFaultAction['type'] | undefined;
  /** Arrival on the origin clock (ms since start, × speed). */
  readonly atMs: number;
}

/** A running loopback origin. */
export interface Origin {
  /** Base URL, `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  /** The last `maxLoggedRequests` requests received, in order (a fresh array per read). */
  readonly requests: readonly OriginRequestRecord[];
  /** Responses still open (being delayed, stalled or sent); drops when a client aborts. */
  readonly openResponses: number;
  /**
   * TCP connections open at the origin's end, idle keep-alive ones included. A client that
   * aborts a response mid-body must close that connection (it cannot be reused), so this drops.
   */
  readonly openConnections: number;
  /** TCP connections accepted since the origin started (a client that reuses keeps it low). */
  readonly acceptedConnections: number;
  /**
   * Of {@link Origin.openConnections}, those that never carried a byte of a request: spares a
   * client opened ahead of need. Node's fetch (undici) opens one after every mid-body abort
   * (nodejs/undici#5845) and closes it itself, seconds later; it is no aborted response.
   */
  readonly unusedConnections: number;
  /** Adds a fault for the requests still to come. */
  addFault(fault: OriginFault): void;
  /** Serves (or replaces) a file. */
  setFile(path: string, bytes: Uint8Array): void;
  /** Fixes the link rate in bits per second (`undefined`: back to the trace, or unshaped). */
  setThroughput(bitsPerSecond: number | undefined): void;
  /**
   * Starts the trace over from its first step now (the trace clock otherwise runs from the
   * origin's start): call it when playback starts, so a player started later meets the whole
   * trace and its clock and the trace's agree. Request times and URL expiry keep the origin clock.
   */
  restartTrace(): void;
  /** Stops listening, destroys open connections and timers; resolves when all are gone. */
  close(): Promise<void>;
}

import type { Cmcd } from '@svta/cml-cmcd';
import type { SchedulerLike } from 'rxjs';
import type { InsecureOriginPolicy } from '../core/check-url-policy.js';
import type { RetryPolicy } from '../core/plan-retry.js';
import type { ByteRange, RequestKind, SegmentRequest } from '../core/segment-request.js';
import type { HttpPort, Transport } from './http-port.js';

/** Per-attempt time limits, in ms; `Infinity` disables one. */
export interface FetchTimeouts {
  /** From sending the request to the response head. @default 10000 */
  readonly firstByteMs: number;
  /** Longest silence between body chunks (and between the head and the first chunk). @default 10000 */
  readonly stallMs: number;
  /** Whole attempt, request to last byte. @default 60000 */
  readonly totalMs: number;
}

/** The request as about to be sent, given to {@link FetchSegmentOptions.onRequest}. */
export interface OutgoingRequest {
  /** URL to fetch. */
  readonly url: string;
  /** Headers to send (`Range` and opt-in CMCD already included). */
  readonly headers: Readonly<Record<string, string>>;
  /** What the request is for. */
  readonly kind: RequestKind;
  /** The requested range, if any. */
  readonly range: ByteRange | undefined;
  /** 1-based attempt number. */
  readonly attempt: number;
}

/** Opt-in Common Media Client Data (CTA-5004), encoded by `@svta/cml-cmcd`. */
export interface CmcdOptions {
  /** Send CMCD as `CMCD-*` request headers (needs CORS preflight) or as a `CMCD=` query. @default 'query' */
  readonly mode?: 'headers' | 'query';
  /** CMCD version to encode. @default 1 */
  readonly version?: 1 | 2;
  /**
   * The player's CMCD data for a request (session id, bitrate, buffer length…). The object type
   * `ot` is filled from `kind` when absent.
   * @default () => ({})
   */
  readonly data?: (request: SegmentRequest, attempt: number) => Cmcd;
}

/** Options of `fetchSegment$` and `createFetchQueue`. */
export interface FetchSegmentOptions {
  /** WHATWG fetch used for the requests. @default globalThis.fetch */
  readonly transport?: Transport;
  /** A lower-level HTTP port; when set, `transport` is not used. @default fromFetchTransport(transport) */
  readonly http?: HttpPort;
  /** Scheduler for timeouts, backoff and clock reads. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Uniform random numbers in [0, 1) for backoff jitter. @default Math.random */
  readonly rng?: () => number;
  /** Retry, backoff and failover limits. @default { maxAttempts: 4, baseDelayMs: 500, backoffFactor: 2, maxDelayMs: 10000, maxRetryAfterMs: 30000 } */
  readonly retry?: Partial<RetryPolicy>;
  /** Per-attempt timeouts. @default { firstByteMs: 10000, stallMs: 10000, totalMs: 60000 } */
  readonly timeouts?: Partial<FetchTimeouts>;
  /**
   * Last look at each request before it is sent: return a changed URL or headers (add a CDN
   * token, strip a header), or nothing to send it as is. Runs on every attempt.
   * @default undefined
   */
  readonly onRequest?: (
    request: OutgoingRequest,
  ) => Pick<OutgoingRequest, 'url' | 'headers'> | undefined;
  /**
   * After a reset, stall, timeout or truncated body on a ranged request, retry the same URL for
   * the missing rest of the range only, keeping the bytes already validated.
   * @default true
   */
  readonly resumeInterrupted?: boolean;
  /**
   * Largest body accepted for a request without a range (a manifest, a license), in bytes.
   * Ranged requests are bounded by their range.
   * @default 67108864 (64 MiB)
   */
  readonly maxBodyBytes?: number;
  /** Plain-HTTP origins allowed (HTTPS only by default). @default false */
  readonly allowInsecureOrigins?: InsecureOriginPolicy;
  /** Opt-in CMCD. @default undefined (no CMCD) */
  readonly cmcd?: CmcdOptions;
}

export { type BackoffPolicy, computeBackoffDelayMs } from './core/backoff-delay.js';
export {
  type AssemblyTarget,
  type BodyAssembler,
  createBodyAssembler,
} from './core/body-assembler.js';
export { checkUrlPolicy, type InsecureOriginPolicy } from './core/check-url-policy.js';
export { classifyHttpStatus, type HttpStatusFailure } from './core/classify-http-status.js';
export type { FetchCompleteEvent, FetchEvent, FetchProgressEvent } from './core/fetch-event.js';
export { type ContentRange, parseContentRange } from './core/parse-content-range.js';
export { parseRetryAfterMs } from './core/parse-retry-after.js';
export {
  type BodyPlan,
  type BodyPlanFailure,
  isBodyPlanFailure,
  planBody,
  type ResponseFacts,
} from './core/plan-body.js';
export {
  type FailedAttempt,
  planRetry,
  type RetryDecision,
  type RetryPolicy,
} from './core/plan-retry.js';
export { redactUrl } from './core/redact-url.js';
export { resumeOffset } from './core/resume-offset.js';
export {
  type ByteRange,
  byteRangeLength,
  formatRangeHeader,
  RequestKind,
  type SegmentRequest,
} from './core/segment-request.js';
export { requestPriority, segmentRequestKey } from './core/segment-request-key.js';
export { createFetchQueue, type FetchQueue, type FetchQueueOptions } from './rx/fetch-queue.js';
export { fetchSegment$ } from './rx/fetch-segment.js';
export type {
  CmcdOptions,
  FetchSegmentOptions,
  FetchTimeouts,
  OutgoingRequest,
} from './rx/fetch-segment-options.js';
export { fromFetchTransport } from './rx/from-fetch-transport.js';
export type { HttpEvent, HttpHeaders, HttpPort, HttpRequest, Transport } from './rx/http-port.js';

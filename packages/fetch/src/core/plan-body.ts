import type { LegatoErrorCode } from '@legato/errors';
import { parseContentRange } from './parse-content-range.js';
import { type ByteRange, byteRangeLength } from './segment-request.js';

/** How to turn a success response's body into the requested bytes. */
export interface BodyPlan {
  /** Bytes at the start of the body to drop (the range start when a 200 ignored `Range`). */
  readonly skipBytes: number;
  /** Bytes to keep after the skipped ones; `undefined` = everything until the body ends. */
  readonly takeBytes: number | undefined;
  /** Exact length the body must have, when the headers promise one. */
  readonly expectedBodyBytes: number | undefined;
  /** True when the server ignored `Range` and the bytes are sliced out of a 200 full body. */
  readonly fromFullBody: boolean;
  /** Cap on the body of a request without a range (its length is the server's to choose). */
  readonly maxBodyBytes?: number;
}

/** Why a success status cannot deliver the requested bytes. */
export interface BodyPlanFailure {
  readonly code: LegatoErrorCode;
  readonly retryable: boolean;
  /** What was expected and what was received. */
  readonly message: string;
}

/** The response facts {@link planBody} reads. */
export interface ResponseFacts {
  /** 200 or 206. */
  readonly status: number;
  /** `Content-Range` header value, or null. */
  readonly contentRange: string | null;
  /** `Content-Length` header value, or null. */
  readonly contentLength: string | null;
  /** `Content-Encoding` header value, or null (a coded body's length differs from the header). */
  readonly contentEncoding: string | null;
}

/**
 * Decides how a 200/206 response yields the requested bytes (pure; the body is checked while
 * it streams, see `createBodyAssembler`). With a range: a 206 must carry a `Content-Range` equal
 * to the request (and a matching `Content-Length` when present); a 200 is a full body to slice,
 * flagged `fromFullBody`, and fails at once when its `Content-Length` ends before the range does.
 * Without a range: a 200 is the body, up to `maxBodyBytes`; a 206 is unexpected.
 */
export function planBody(
  range: ByteRange | undefined,
  facts: ResponseFacts,
  maxBodyBytes = Number.POSITIVE_INFINITY,
): BodyPlan | BodyPlanFailure {
  const encoded = facts.contentEncoding != null && !/^\s*identity\s*$/i.test(facts.contentEncoding);
  const declared =
    !encoded && facts.contentLength != null && /^\s*\d{1,15}\s*$/.test(facts.contentLength)
      ? Number(facts.contentLength)
      : undefined;
  if (facts.status === 206) {
    if (range === undefined) {
      return mismatch(`expected 200 to a request without Range, received 206`);
    }
    const want = `bytes ${range.start}-${range.end}/*`;
    const got = parseContentRange(facts.contentRange);
    if (got === undefined) {
      return mismatch(
        `expected Content-Range "${want}", received ${quote(facts.contentRange)}` +
          (facts.contentRange == null
            ? ' (a CDN must list Content-Range in Access-Control-Expose-Headers)'
            : ''),
      );
    }
    if (got.start !== range.start || got.end !== range.end) {
      return mismatch(`expected Content-Range "${want}", received "${facts.contentRange}"`);
    }
    const length = byteRangeLength(range);
    if (declared !== undefined && declared !== length) {
      return mismatch(`expected Content-Length ${length} for ${want}, received ${declared}`);
    }
    return { skipBytes: 0, takeBytes: length, expectedBodyBytes: length, fromFullBody: false };
  }
  if (range === undefined) {
    if (declared !== undefined && declared > maxBodyBytes) {
      return {
        code: 'FETCH_BODY_TOO_LARGE',
        retryable: false,
        message: `expected a body of at most ${maxBodyBytes} bytes, received Content-Length ${declared}`,
      };
    }
    return {
      skipBytes: 0,
      takeBytes: undefined,
      expectedBodyBytes: declared,
      fromFullBody: false,
      ...(maxBodyBytes === Number.POSITIVE_INFINITY ? {} : { maxBodyBytes }),
    };
  }
  if (declared !== undefined && declared <= range.end) {
    return {
      code: 'FETCH_RANGE_OUTSIDE_BODY',
      retryable: false,
      message: `expected a full body of at least ${range.end + 1} bytes for bytes=${range.start}-${range.end}, received Content-Length ${declared}`,
    };
  }
  return {
    skipBytes: range.start,
    takeBytes: byteRangeLength(range),
    expectedBodyBytes: declared,
    fromFullBody: true,
  };
}

/** True when {@link planBody} refused the response. */
export function isBodyPlanFailure(plan: BodyPlan | BodyPlanFailure): plan is BodyPlanFailure {
  return 'code' in plan;
}

function mismatch(message: string): BodyPlanFailure {
  return { code: 'FETCH_RANGE_MISMATCH', retryable: true, message };
}

function quote(value: string | null): string {
  return value == null ? 'none' : `"${value}"`;
}

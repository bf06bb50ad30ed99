import { LegatoError } from '@legato/errors';
import type { SegmentRequest } from '../core/segment-request.js';

const KINDS = new Set(['init', 'index', 'media', 'manifest', 'license']);

/** Throws `INVALID_ARGUMENT` naming the field of a malformed request. */
export function validateSegmentRequest(request: SegmentRequest): void {
  if (!Array.isArray(request.urls) || request.urls.length === 0) {
    throw invalid('request.urls', 'a non-empty array of URLs', request.urls);
  }
  if (!KINDS.has(request.kind)) {
    throw invalid('request.kind', 'init | index | media | manifest | license', request.kind);
  }
  const range = request.range;
  if (range !== undefined) {
    const ok =
      Number.isSafeInteger(range.start) &&
      Number.isSafeInteger(range.end) &&
      range.start >= 0 &&
      range.end >= range.start;
    if (!ok) {
      throw invalid('request.range', 'integers 0 ≤ start ≤ end', `${range.start}-${range.end}`);
    }
  }
}

function invalid(field: string, expected: string, received: unknown): LegatoError {
  const shown = Array.isArray(received)
    ? `an array of ${received.length}`
    : JSON.stringify(received);
  return new LegatoError('INVALID_ARGUMENT', `${field}: expected ${expected}, received ${shown}`);
}

import type { RequestKind, SegmentRequest } from './segment-request.js';

const PRIORITY: Record<RequestKind, number> = {
  license: 0,
  manifest: 1,
  init: 2,
  index: 3,
  media: 4,
};

/** Queue priority of a request kind; lower goes first (license > manifest > init > index > media). */
export function requestPriority(kind: RequestKind): number {
  return PRIORITY[kind];
}

/**
 * Identity of a request for de-duplication: equal keys mean the same bytes from the same URLs
 * with the same headers. Header names are compared case-insensitively.
 */
export function segmentRequestKey(request: SegmentRequest): string {
  const range = request.range ? `${request.range.start}-${request.range.end}` : '*';
  const headers = Object.entries(request.headers ?? {})
    .map(([k, v]) => `${k.toLowerCase()}:${v}`)
    .sort()
    .join('\n');
  return `${request.kind} ${range} ${request.urls.join(' ')}\n${headers}`;
}

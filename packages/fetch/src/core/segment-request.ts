/** What a request is for; drives priority, CMCD object type and the 403 mapping. */
export const RequestKind = {
  /** An initialization segment (`Initialization range=…`). */
  INIT: 'init',
  /** A segment index (`sidx`, `indexRange=…`). */
  INDEX: 'index',
  /** A media segment (`SegmentURL mediaRange=…`). */
  MEDIA: 'media',
  /** An MPD. */
  MANIFEST: 'manifest',
  /** A license or certificate exchange. */
  LICENSE: 'license',
} as const;
/** What a request is for: `'init' | 'index' | 'media' | 'manifest' | 'license'`. */
export type RequestKind = (typeof RequestKind)[keyof typeof RequestKind];

/** An inclusive byte range, as in `Range: bytes=start-end` and DASH `mediaRange="start-end"`. */
export interface ByteRange {
  /** First byte offset, inclusive. */
  readonly start: number;
  /** Last byte offset, inclusive (`end - start + 1` bytes). */
  readonly end: number;
}

/** One segment (or manifest) request: BaseURL alternatives, an optional byte range, headers. */
export interface SegmentRequest {
  /** Absolute URLs of the same bytes in priority order (BaseURL alternatives); at least one. */
  readonly urls: readonly string[];
  /** Inclusive byte range; absent = the whole resource. */
  readonly range?: ByteRange;
  /** Extra request headers, sent as given (legato adds none besides `Range` and opt-in CMCD). */
  readonly headers?: Readonly<Record<string, string>>;
  /** What the bytes are for. */
  readonly kind: RequestKind;
}

/** Number of bytes an inclusive range covers. */
export function byteRangeLength(range: ByteRange): number {
  return range.end - range.start + 1;
}

/** The `Range` header value for an inclusive range: `bytes=start-end`. */
export function formatRangeHeader(range: ByteRange): string {
  return `bytes=${range.start}-${range.end}`;
}

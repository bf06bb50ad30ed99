import { isLegatoError, LegatoError } from '@legato/errors';
import type { ByteRange, SegmentIndex } from './core/model.js';

/** Options of {@link loadSegmentIndex}. */
export interface LoadSegmentIndexOptions {
  /**
   * Loads `range` (inclusive; null for the whole resource) of `url`. The parser never
   * fetches: the transport is the caller's (e.g. `@legato/fetch` with a Range header).
   */
  readonly loadRange: (url: string, range: ByteRange | null) => Promise<Uint8Array>;
  /** Most range requests, the top sidx included. @default 64 */
  readonly maxRequests?: number;
}

/**
 * Completes a `SegmentBase` index (or a `SegmentTemplate@index` one) through an injected range
 * loader: loads the sidx at `index.index`, then, for a hierarchical sidx, the nested sidx boxes
 * it points at, level by level (at most `maxRequests` requests in all). An index that needs no
 * sidx is returned as is. Errors: MPD_SIDX_INVALID, or whatever `loadRange` rejects with.
 *
 * @example
 * ```ts
 * const full = await loadSegmentIndex(rep.segmentIndex, {
 *   loadRange: (url, range) => fetchBytes(url, range), // your transport
 * });
 * full.get(0).range; // { start, end } of the first subsegment
 * ```
 */
export async function loadSegmentIndex(
  index: SegmentIndex,
  options: LoadSegmentIndexOptions,
): Promise<SegmentIndex> {
  const where = index.index;
  if (index.count > 0 || where === null) return index;
  const max = options.maxRequests ?? 64;
  let requests = 1;
  const top = await options.loadRange(where.url, where.range);
  const nested = new Map<number, Uint8Array>();
  for (;;) {
    try {
      return index.withSidx(top, nested);
    } catch (error) {
      const needs = isLegatoError(error)
        ? (error.details?.needs as readonly { start: number; end: number }[] | undefined)
        : undefined;
      if (needs === undefined) throw error;
      if (requests + needs.length > max) {
        throw new LegatoError(
          'MPD_SIDX_INVALID',
          `hierarchical sidx: expected at most ${max} range requests, needs ${requests + needs.length}`,
          { cause: error, details: { maxRequests: max } },
        );
      }
      requests += needs.length;
      const loaded = await Promise.all(
        needs.map((n) => options.loadRange(where.url, { start: n.start, end: n.end })),
      );
      needs.forEach((n, k) => {
        nested.set(n.start, loaded[k]!);
      });
    }
  }
}

import type { LegatoErrorCode } from '@legato/errors';

/**
 * Where the next attempt of an interrupted byte-range transfer starts, relative to the range
 * start: the bytes already validated and kept, when the retry goes to the same URL and the
 * failure does not cast doubt on them (a reset, stall, timeout or truncated body); 0 after a
 * range mismatch or when moving to another BaseURL alternative. A transfer that had every byte
 * re-asks for its last one, so the next attempt is still a real, validated request.
 *
 * @example
 * ```ts
 * resumeOffset(70_000, 200_000, 'FETCH_NETWORK', true); // 70000: ask for bytes start+70000..end
 * resumeOffset(70_000, 200_000, 'FETCH_RANGE_MISMATCH', true); // 0
 * ```
 */
export function resumeOffset(
  keptBytes: number,
  rangeBytes: number,
  failure: LegatoErrorCode | string,
  sameUrl: boolean,
): number {
  if (!sameUrl || failure === 'FETCH_RANGE_MISMATCH' || failure === 'FETCH_RANGE_OUTSIDE_BODY') {
    return 0;
  }
  return Math.max(0, Math.min(keptBytes, rangeBytes - 1));
}

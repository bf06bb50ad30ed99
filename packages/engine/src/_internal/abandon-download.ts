import type { FetchEvent } from '@legato/fetch';
import { concat, defer, EMPTY, type MonoTypeOperatorFunction, takeWhile } from 'rxjs';
import type { DownloadProgress } from './track-runtime.js';

/**
 * Operator over one media download's fetch events: on each progress event asks `decide` for the
 * rung to abandon the download for (-1: let it run). On an answer it completes at once — which
 * unsubscribes the fetch, aborting the request and closing its connection — and only then calls
 * `abandoned(index)`, so the re-request never races the aborted one for the link.
 * `totalBytes`: the segment's size (its byte range), else what the response announced.
 */
export function abandonDownload(
  totalBytes: number | undefined,
  decide: (progress: DownloadProgress) => number,
  abandoned: (index: number) => void,
): MonoTypeOperatorFunction<FetchEvent> {
  return (source) => {
    let to = -1;
    const running = source.pipe(
      takeWhile((e) => {
        if (e.type !== 'progress') return true;
        to = decide({
          loadedBytes: e.loadedBytes,
          totalBytes: totalBytes ?? e.totalBytes ?? Number.NaN,
          elapsedMs: e.elapsedMs,
        });
        return to < 0;
      }),
    );
    return concat(
      running,
      defer(() => {
        if (to >= 0) abandoned(to);
        return EMPTY;
      }),
    );
  };
}

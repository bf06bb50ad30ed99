// Runs in Chromium: fetchSegment$ over the browser's own fetch and ReadableStream.
import { type FetchEvent, fetchSegment$ } from '@legato/fetch';
import { estimateOverSegments } from '../estimate-over-segments.js';

/** What a page run reports back to the test. */
export interface BrowserFetchReport {
  readonly status: number;
  readonly length: number;
  readonly checksum: number;
  readonly progressEvents: number;
  readonly monotone: boolean;
  readonly lastLoaded: number;
  readonly totalBytes: number | undefined;
  readonly fromFullBody: boolean;
  readonly attempts: number;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (sum * 31 + b) >>> 0;
  return sum;
}

function run(url: string, start: number, end: number): Promise<BrowserFetchReport> {
  const events: FetchEvent[] = [];
  return new Promise((resolve, reject) => {
    fetchSegment$(
      { urls: [url], range: { start, end }, kind: 'media' },
      { allowInsecureOrigins: true, retry: { baseDelayMs: 10 } },
    ).subscribe({
      next: (e) => {
        events.push(e);
        if (e.type !== 'complete') return;
        const progress = events.filter((p) => p.type === 'progress');
        const last = progress.at(-1);
        resolve({
          status: e.status,
          length: e.bytes.length,
          checksum: checksum(e.bytes),
          progressEvents: progress.length,
          // The documented contract: loadedBytes grows within an attempt; a retry is a new
          // attempt counting its own body (a resumed one: the missing part only).
          monotone: progress.every(
            (p, i) =>
              i === 0 ||
              p.attempt !== progress[i - 1]!.attempt ||
              p.loadedBytes > progress[i - 1]!.loadedBytes,
          ),
          lastLoaded: last?.loadedBytes ?? 0,
          totalBytes: last?.totalBytes,
          fromFullBody: e.fromFullBody,
          attempts: e.attempts,
        });
      },
      error: (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
    });
  });
}

/** Subscribes, unsubscribes at the first progress event, and reports the events seen 300 ms later. */
function abortAfterFirstChunk(url: string, start: number, end: number): Promise<number> {
  return new Promise((resolve) => {
    let seen = 0;
    const sub = fetchSegment$(
      { urls: [url], range: { start, end }, kind: 'media' },
      { allowInsecureOrigins: true },
    ).subscribe(() => {
      seen++;
      sub?.unsubscribe();
    });
    setTimeout(() => resolve(seen), 300);
  });
}

/** One attempt whose body stalls: resolves with the error code once the stall timeout fires. */
function timeOut(url: string, stallMs: number): Promise<string> {
  return new Promise((resolve) => {
    fetchSegment$(
      { urls: [url], range: { start: 0, end: 999_999 }, kind: 'media' },
      { allowInsecureOrigins: true, retry: { maxAttempts: 1 }, timeouts: { stallMs } },
    ).subscribe({
      error: (error: { code?: string }) => resolve(error.code ?? String(error)),
      complete: () => resolve('complete'),
    });
  });
}

(globalThis as Record<string, unknown>)['legatoFetch'] = {
  run,
  abortAfterFirstChunk,
  timeOut,
  checksum,
  estimateOverSegments,
};

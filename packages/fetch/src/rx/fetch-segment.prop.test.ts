import { fc, test } from '@fast-check/vitest';
import {
  type FetchEvent,
  type FetchProgressEvent,
  fetchSegment$,
  type HttpEvent,
} from '@legato/fetch';
import { of } from 'rxjs';
import { expect } from 'vitest';
import { bytesDiff, chunk, head } from '../_test/fake-http.js';

const scenario = fc.uint8Array({ minLength: 1, maxLength: 4096 }).chain((file) =>
  fc.record({
    file: fc.constant(file),
    bounds: fc.tuple(fc.nat(file.length - 1), fc.nat(file.length - 1)),
    cuts: fc.array(fc.nat(file.length), { maxLength: 16 }),
    fullBody: fc.boolean(),
  }),
);

function split(body: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < body.length)), body.length].sort(
    (a, b) => a - b,
  );
  let at = 0;
  return points.map((p) => {
    const part = body.slice(at, p);
    at = p;
    return part;
  });
}

test.prop([scenario], { numRuns: 200 })(
  'fetchSegment$: any file, range and chunking → exact bytes, monotone progress ending at the total',
  ({ file, bounds, cuts, fullBody }) => {
    const range = { start: Math.min(...bounds), end: Math.max(...bounds) };
    const body = fullBody ? file : file.subarray(range.start, range.end + 1);
    const headers: Record<string, string> = { 'content-length': String(body.length) };
    if (!fullBody) headers['content-range'] = `bytes ${range.start}-${range.end}/${file.length}`;
    const events: HttpEvent[] = [
      head(fullBody ? 200 : 206, headers),
      ...split(body, cuts).map(chunk),
    ];
    const out: FetchEvent[] = [];
    let failure: unknown;
    fetchSegment$(
      { urls: ['https://cdn.example/t.mp4'], range, kind: 'media' },
      { http: () => of(...events) },
    ).subscribe({ next: (e) => out.push(e), error: (e: unknown) => (failure = e) });
    expect(failure).toBeUndefined();
    const done = out.at(-1);
    if (done?.type !== 'complete') throw new Error('expected a complete event last');
    expect(bytesDiff(done.bytes, file.subarray(range.start, range.end + 1))).toBeUndefined();
    expect(done.fromFullBody).toBe(fullBody);
    const progress = out.slice(0, -1) as FetchProgressEvent[];
    let loaded = 0;
    for (const p of progress) {
      expect(p.type).toBe('progress');
      expect(p.deltaBytes).toBeGreaterThan(0);
      expect(p.loadedBytes).toBe(loaded + p.deltaBytes);
      loaded = p.loadedBytes;
    }
    if (fullBody) expect(loaded).toBeGreaterThanOrEqual(range.end + 1);
    else expect(loaded).toBe(progress.at(-1)?.totalBytes);
    expect(done.loadedBytes).toBe(loaded);
  },
);

import type { FixtureTrack } from '@legato/testkit';

/** One segment download as the demo saw it: from the request to the append, session seconds. */
export interface DemoDownload {
  readonly startS: number;
  readonly endS: number;
  readonly representationId: string;
  readonly index: number;
  readonly bytes: number;
  /** Bytes × 8 over (end − start): what this download achieved, request latency and append included. */
  readonly bitsPerSecond: number;
}

/** Records when each media segment was requested (a fetch wrapper) and appended (an engine event). */
export interface DownloadRecorder {
  /** The engine's `transport` port: global fetch, noting media requests. */
  readonly transport: typeof fetch;
  /** Call on the engine's `segment` event. */
  onSegment(representationId: string, index: number, bytes: number): void;
  readonly downloads: readonly DemoDownload[];
}

function rangeStart(init: RequestInit | undefined, input: RequestInfo | URL): number | undefined {
  const headers = new Headers(
    init?.headers ?? (input instanceof Request ? input.headers : undefined),
  );
  const match = /^bytes=(\d+)-/.exec(headers.get('range') ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A recorder for `fixture`'s segments on the session clock `nowS`. */
export function createDownloadRecorder(
  fixture: FixtureTrack,
  nowS: () => number,
): DownloadRecorder {
  const pending = new Map<string, number>();
  const downloads: DemoDownload[] = [];
  const transport: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const file = new URL(url).pathname.split('/').at(-1);
    const rep = fixture.representations.find((r) => r.file === file);
    const start = rangeStart(init, input);
    if (rep && start !== undefined) {
      const index = rep.segments.findIndex((s) => s.startByte === start);
      if (index >= 0) pending.set(`${rep.id}#${index}`, nowS());
    }
    return fetch(input, init);
  };
  return {
    transport,
    downloads,
    onSegment(representationId, index, bytes) {
      const key = `${representationId}#${index}`;
      const startS = pending.get(key);
      if (startS === undefined) return;
      pending.delete(key);
      const endS = nowS();
      downloads.push({
        startS,
        endS,
        representationId,
        index,
        bytes,
        bitsPerSecond: endS > startS ? (bytes * 8) / (endS - startS) : Number.NaN,
      });
    },
  };
}

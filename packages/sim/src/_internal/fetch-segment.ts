import type { LegatoError } from '@legato/errors';
import type { SimPolicy } from '../core/sim-policy.js';
import type { SimTrack } from '../core/sim-track.js';
import type { ProgressPoint, RequestOutcome } from './run-request.js';

/** What {@link fetchSegment} needs from the running simulation. */
export interface FetchSegmentContext {
  readonly track: SimTrack;
  readonly policy: SimPolicy;
  /** Sends a request now and moves the clock to its end (see `runRequest`). */
  readonly request: (
    bytes: number,
    check?: ((p: ProgressPoint) => number | null) | undefined,
    onBytes?: ((deltaBytes: number, deltaMs: number, atMs: number) => void) | undefined,
  ) => RequestOutcome;
  /** Buffer level and wall clock now. */
  readonly now: () => { readonly bufferS: number; readonly nowS: number };
  /** Per rung: its init segment is already fetched. Updated. */
  readonly initFetched: boolean[];
  readonly invalid: (what: string, segment: number) => LegatoError;
}

/** A segment delivered, after any abandoned attempts. */
export interface FetchedSegment {
  /** The rung it finally came from. */
  readonly index: number;
  /** Its media bytes. */
  readonly bytes: number;
  /** Bytes of the completed request (media, plus the init when they came together). */
  readonly sampleBytes: number;
  readonly outcome: RequestOutcome;
  readonly abandons: number;
  readonly wastedBytes: number;
}

/**
 * Fetches segment `seg` at rung `index` (its init first, or with it when adjacent), asking the
 * policy's `abandon` at each progress point; an abandoned request is re-sent at the rung asked.
 * With `policy.sampleProgress` the meter gets each progress delta of the media request (before
 * the abandon check) instead of the one sample per completed request `simulate` adds.
 */
export function fetchSegment(
  ctx: FetchSegmentContext,
  seg: number,
  firstIndex: number,
  lastIndex: number,
): FetchedSegment {
  const { track, policy, initFetched } = ctx;
  const abr = policy.abr;
  const segS = track.segmentDurationsS[seg]!;
  const bytesByIndex = abr.abandon ? track.segmentBytes.map((r) => r[seg]!) : [];
  // The engine's sampling: every progress delta of a media request, abandoned ones included.
  const meter = policy.meter;
  const onBytes = policy.sampleProgress
    ? (deltaBytes: number, deltaMs: number, atMs: number) =>
        meter.addSample(deltaBytes, deltaMs, atMs, 0)
    : undefined;
  let index = firstIndex;
  let abandons = 0;
  let wastedBytes = 0;
  for (;;) {
    const bytes = track.segmentBytes[index]![seg]!;
    const initBytes = initFetched[index] ? 0 : (track.initBytes?.[index] ?? 0);
    const together = initBytes > 0 && seg === 0 && (track.initAdjacent?.[index] ?? false);
    if (initBytes > 0 && !together) ctx.request(initBytes);
    initFetched[index] = true;
    const sampleBytes = bytes + (together ? initBytes : 0);
    const inFlight = index;
    const check =
      abr.abandon &&
      ((p: ProgressPoint) => {
        const { bufferS, nowS } = ctx.now();
        const to = abr.abandon!({
          segmentIndex: seg,
          index: inFlight,
          lastIndex,
          bytesTotal: sampleBytes,
          bytesLoaded: p.bytesReceived,
          elapsedMs: p.elapsedMs,
          firstByteMs: p.firstByteMs,
          bufferS,
          nowS,
          segmentDurationS: segS,
          estimateBps: policy.meter.estimate(),
          segmentBytesByIndex: bytesByIndex,
        });
        return to === -1 ? null : to;
      });
    const outcome = ctx.request(sampleBytes, check, onBytes);
    const to = outcome.abandonTo;
    if (to === null) return { index, bytes, sampleBytes, outcome, abandons, wastedBytes };
    if (!(Number.isInteger(to) && to >= 0 && to < track.rungs.length) || to === index) {
      throw ctx.invalid(`abandon: expected -1 or another ladder index, received ${to}`, seg);
    }
    if (together) initFetched[index] = false; // the init went down with the request
    abandons++;
    wastedBytes += outcome.bytesReceived;
    index = to;
  }
}

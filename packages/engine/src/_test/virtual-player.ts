/**
 * Test helper: the engine in virtual time over a shaped in-memory link (see
 * {@link createShapedFetch}), with the software ClearKey CDM, a license answered on the virtual
 * clock, and the testkit's decrypting sink — every timer on one virtual clock, so a run is the
 * same on every machine and under any load. Used by the virtual-time e2e tests and the engine
 * CPU bench.
 */
import { readFileSync } from 'node:fs';
import type { MediaSink } from '@legato/buffer';
import { createEngine, type EngineEvent, type EngineOptions } from '@legato/engine';
import {
  createDecryptingMemorySink,
  createSoftwareClearKeyCdm,
  createVirtualClock,
  type DecryptingMemorySink,
  encodeClearKeyLicense,
  type FixtureTrack,
  loadFixtureTrack,
  type SoftwareClearKeyCdm,
} from '@legato/testkit';
import { map, type SchedulerLike, timer } from 'rxjs';
import { createShapedFetch, type ShapedFetchOptions } from './shaped-fetch.js';

/** A committed CENC fixture track (testkit) as in-memory files under `baseUrl`. */
export function fixtureFiles(
  trackId: string,
  baseUrl: string,
  licenseUrl: string,
): { track: FixtureTrack; files: Map<string, Uint8Array> } {
  const track = loadFixtureTrack(trackId, { licenseUrl });
  const files = new Map<string, Uint8Array>();
  files.set(`${baseUrl}manifest.mpd`, new TextEncoder().encode(track.mpd));
  for (const r of track.representations) files.set(`${baseUrl}${r.file}`, readFileSync(r.path));
  return { track, files };
}

/** Options of {@link createVirtualPlayer}. */
export interface VirtualPlayerOptions<S extends MediaSink> {
  readonly files: Map<string, Uint8Array>;
  /** The link: rate over virtual time, latency, chunk size. */
  readonly link: Omit<ShapedFetchOptions, 'scheduler'>;
  /** The key the license server answers with (none: a clear track). */
  readonly key?: { readonly kid: string; readonly key: string };
  /** License answer delay, virtual ms. @default 500 */
  readonly licenseDelayMs?: number;
  readonly engine?: Partial<Omit<EngineOptions, 'ports'>>;
  /** The sink. @default the testkit's decrypting sink (it needs real init segments) */
  readonly createSink?: (scheduler: SchedulerLike, cdm: SoftwareClearKeyCdm) => S;
}

/** An engine on a virtual clock over a shaped link, recording its events. */
export function createVirtualPlayer<S extends MediaSink = DecryptingMemorySink>(
  options: VirtualPlayerOptions<S>,
) {
  const clock = createVirtualClock();
  const scheduler = clock.scheduler;
  const cdm = createSoftwareClearKeyCdm({ scheduler });
  const sink = options.createSink
    ? options.createSink(scheduler, cdm)
    : (createDecryptingMemorySink({ cdm, scheduler }) as unknown as S);
  const { fetch, seen } = createShapedFetch(options.files, { ...options.link, scheduler });
  const { key } = options;
  const engine = createEngine({
    ...options.engine,
    ports: { cdm, sink, scheduler, transport: fetch, getToken: () => 'token' },
    drm: {
      licenseTransport: () => () =>
        timer(options.licenseDelayMs ?? 500, scheduler).pipe(
          map(() => encodeClearKeyLicense({ keys: key ? [key] : [] })),
        ),
      ...options.engine?.drm,
    },
  });
  const events: EngineEvent[] = [];
  engine.events$.subscribe((e) => events.push(e));
  let status = 'idle';
  engine.state$.subscribe((s) => {
    status = s.status;
  });
  return {
    clock,
    engine,
    sink,
    events,
    /** Requests the link saw, with the virtual time each started. */
    seen,
    /**
     * Advances virtual time in `stepMs` steps (promises settle after each) until the engine
     * ended, failed or stopped, or `until()` holds, or `maxMs` passed; the status it reached.
     */
    async run(maxMs: number, stepMs: number, until: () => boolean = () => false): Promise<string> {
      const done = () =>
        status === 'ended' || status === 'failed' || status === 'stopped' || until();
      while (!done() && clock.nowMs() < maxMs) await clock.advance(4 * stepMs, stepMs);
      return status;
    },
    dispose() {
      engine.stop();
      (sink as { dispose?: () => void }).dispose?.();
    },
  };
}

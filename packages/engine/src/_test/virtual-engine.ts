/**
 * Test helper: an engine in virtual time over an in-memory origin (synthetic Amazon-style MPD and
 * media), the software ClearKey CDM, a scripted license transport and a virtual-time sink, with
 * everything it emits recorded.
 */
import { type LicenseTransport, parsePlaybackInformation } from '@legato/drm';
import {
  createEngine,
  type EngineEvent,
  type EngineOptions,
  type PlaybackReport,
} from '@legato/engine';
import { LegatoError } from '@legato/errors';
import {
  answerClearKeyProvisioningRequest,
  createSoftwareClearKeyCdm,
  createVirtualClock,
  encodeClearKeyLicense,
} from '@legato/testkit';
import { map, NEVER, type SchedulerLike, timer } from 'rxjs';
import {
  buildMpd,
  createMemoryFetch,
  defaultTrack,
  KEY,
  KID,
  mediaFile,
} from './synthetic-origin.js';
import { VirtualSink } from './virtual-sink.js';

const ORIGIN = 'https://cdn.example';
const LICENSE = 'https://license.example/getLicense';

export interface SetupOptions {
  /** License answer delay, ms; a function of the 0-based request number; Infinity = never. */
  readonly licenseDelayMs?: number | ((request: number) => number);
  readonly licenseStatus?: number;
  readonly mediaStatus?: (url: string, nowMs: number) => number | undefined;
  readonly engine?: Partial<Omit<EngineOptions, 'ports'>>;
  /** Serve a clear track (no ContentProtection, no `senc`). @default false */
  readonly clear?: boolean;
  /** A device CDM that must be provisioned first (step 1 of the guide). */
  readonly requireProvisioning?: boolean;
  /** The first this many calls of the playbackInformation port never answer. @default 0 */
  readonly playbackInfoHangs?: number;
  /** The first this many MPD requests never answer (until aborted). @default 0 */
  readonly mpdHangs?: number;
  /** The sink (a subclass of the virtual sink). @default a plain VirtualSink */
  readonly sink?: (scheduler: SchedulerLike) => VirtualSink;
}

export function setup(opts: SetupOptions = {}) {
  const clock = createVirtualClock();
  const scheduler = clock.scheduler;
  const files = new Map<string, Uint8Array>();
  const publish = (prefix: string) => {
    files.set(
      `${ORIGIN}/${prefix}/manifest.mpd`,
      new TextEncoder().encode(
        buildMpd(defaultTrack, `${ORIGIN}/${prefix}/`, opts.clear ? null : LICENSE),
      ),
    );
    for (const r of defaultTrack.reps)
      files.set(
        `${ORIGIN}/${prefix}/${r.id}.mp4`,
        mediaFile(defaultTrack, r.id, opts.clear ? Number.POSITIVE_INFINITY : 30),
      );
  };
  publish('v1');
  publish('v2');
  const memory = createMemoryFetch(files, (url) => opts.mediaStatus?.(url, scheduler.now()));
  const { seen } = memory;
  /** Virtual times of the MPD requests, answered or not. */
  const mpdRequests: number[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('.mpd')) return memory.fetch(input, init);
    mpdRequests.push(scheduler.now());
    if (mpdRequests.length > (opts.mpdHangs ?? 0)) return memory.fetch(input, init);
    return new Promise((_, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
    );
  };
  const sink = opts.sink?.(scheduler) ?? new VirtualSink(scheduler);
  const cdm = createSoftwareClearKeyCdm({
    scheduler,
    ...(opts.requireProvisioning ? { requireProvisioning: true } : {}),
  });
  const provisioningRequests: number[] = [];
  const licenseRequests: number[] = [];
  const licenseTransport = (): LicenseTransport => () => {
    licenseRequests.push(scheduler.now());
    if (opts.licenseStatus === 403) {
      return timer(200, scheduler).pipe(
        map(() => {
          throw new LegatoError('LICENSE_DENIED', 'license server: expected 200, received 403');
        }),
      );
    }
    const given = opts.licenseDelayMs ?? 2000;
    const delayMs = typeof given === 'number' ? given : given(licenseRequests.length - 1);
    if (delayMs === Number.POSITIVE_INFINITY) return NEVER;
    return timer(delayMs, scheduler).pipe(
      map(() => encodeClearKeyLicense({ keys: [{ kid: KID, key: KEY }] })),
    );
  };
  const info = (prefix: string) =>
    parsePlaybackInformation(
      {
        url: `${ORIGIN}/${prefix}/manifest.mpd`,
        protocol: 'DASH',
        format: 'ENCRYPTED_OPUS_FLAC',
        licenseHeaders: { 'x-amz-music-asin': 'B00TEST' },
        progressMilliseconds: null,
      },
      scheduler.now(),
    );
  const refreshed: string[] = [];
  const reports: PlaybackReport[] = [];
  const base: EngineOptions = {
    ports: {
      cdm,
      sink,
      scheduler,
      transport: fetch,
      getToken: () => 'token',
      provisioningTransport: (request) => {
        provisioningRequests.push(scheduler.now());
        return timer(300, scheduler).pipe(
          map(() => answerClearKeyProvisioningRequest(request.request)),
        );
      },
      reportEvent: (r) => reports.push(r),
      refreshPlaybackInformation: (id) => {
        refreshed.push(id);
        if (refreshed.length <= (opts.playbackInfoHangs ?? 0)) return new Promise(() => {});
        return Promise.resolve(info('v2'));
      },
    },
    drm: { licenseTransport },
  };
  const engine = createEngine({
    ...base,
    ...opts.engine,
    drm: { ...base.drm, ...opts.engine?.drm },
  });
  const events: EngineEvent[] = [];
  engine.events$.subscribe((e) => events.push(e));
  const statuses: string[] = [];
  engine.state$.subscribe((s) => {
    if (statuses.at(-1) !== s.status) statuses.push(s.status);
  });
  return {
    clock,
    engine,
    sink,
    seen,
    events,
    reports,
    statuses,
    refreshed,
    licenseRequests,
    mpdRequests,
    info,
    cdm,
    provisioningRequests,
    fetch,
    licenseTransport,
    scheduler,
  };
}

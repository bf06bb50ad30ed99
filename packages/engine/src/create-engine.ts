import { createAbrController, type UserPreferences } from '@legato/abr';
import { createBandwidthEstimator } from '@legato/bandwidth';
import { defaultBufferConfig } from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import type { FetchSegmentOptions } from '@legato/fetch';
import { asyncScheduler, BehaviorSubject, Subject, Subscription } from 'rxjs';
import { abandonRung, reRequestLower } from './_internal/abandon-segment.js';
import { abrInput } from './_internal/abr-input.js';
import { checkTracks } from './_internal/check-tracks.js';
import {
  currentTrack,
  type EngineContext,
  fail,
  nowMs,
  patch,
  sendReport,
  teardown,
} from './_internal/engine-context.js';
import { announceRung, onBufferStep, switchRung } from './_internal/on-buffer-step.js';
import { onLicenseEvent } from './_internal/on-license-event.js';
import { playbackInfoSource } from './_internal/playback-info-source.js';
import { quotaRetrySink } from './_internal/quota-retry-sink.js';
import { runTrack } from './_internal/run-track.js';
import { serializeSink } from './_internal/serialize-sink.js';
import { setPlan } from './_internal/set-plan.js';
import {
  licenseRecoveryWindowS,
  MEDIA_PROGRESS,
  resolveWatchdogConfig,
  startWatchdog,
} from './_internal/start-watchdog.js';
import { createTrackRuntime, type TrackHost } from './_internal/track-runtime.js';
import type { TrackPlan } from './core/plan-track.js';
import type {
  Engine,
  EngineEvent,
  EngineOptions,
  EngineState,
  EngineTrack,
} from './engine-types.js';

/**
 * Creates the player core: give it ports (fetch, CDM, sink, scheduler, token, event reporting)
 * and `load()` a track or a gapless queue. It runs the 14-step workflow of the Amazon guide —
 * MPD, ladder from capabilities, segments and license at once (the clear lead plays while the
 * license is fetched), bitrate switching, playback reports, playbackInformation refresh — and
 * stops cleanly on `stop()` or a fatal error (requests aborted, sessions closed).
 *
 * @example
 * ```ts
 * const engine = createEngine({ ports: { cdm, sink, getToken, reportEvent }, allowInsecureOrigins: true });
 * engine.events$.subscribe((e) => e.type === 'stall' && console.log('stall', e.cause));
 * engine.load({ id: 'B00MAZ814K', playbackInformation });
 * engine.play();
 * ```
 */
export function createEngine(options: EngineOptions): Engine {
  const { ports } = options;
  const scheduler = ports.scheduler ?? asyncScheduler;
  const {
    defaultEstimateBps = 500_000,
    minBitsPerSecond,
    maxBitsPerSecond,
    ...abrConfig
  } = options.abr ?? {};
  const estimator = createBandwidthEstimator({ defaultEstimateBps });
  const fetchOptions: FetchSegmentOptions = {
    scheduler,
    allowInsecureOrigins: options.allowInsecureOrigins ?? false,
    ...(ports.transport ? { transport: ports.transport } : {}),
    ...(ports.rng ? { rng: ports.rng } : {}),
  };
  let preferences: UserPreferences = options.preferences ?? {};
  const idle: EngineState = {
    status: 'idle',
    trackId: null,
    positionS: 0,
    durationS: 0,
    bufferAheadS: 0,
    representationId: null,
    bitrateBps: 0,
    estimateBps: estimator.estimate(),
    license: 'none',
    stallCause: null,
  };
  // A full sink holds the append back until played media can go (or fails typed), never hangs.
  const sink = quotaRetrySink(serializeSink(ports.sink), scheduler, {
    onTooLarge: (e) => fail(ctx, e),
  });
  const playbackInfo = playbackInfoSource(options);
  const watchdog = resolveWatchdogConfig(options.watchdog, !!playbackInfo);
  // The tracks' view of the engine (its callbacks run later, once `ctx` exists).
  const host: TrackHost = {
    scheduler,
    sink,
    cdm: ports.cdm,
    getToken: ports.getToken,
    provisioningTransport: ports.provisioningTransport,
    playbackInfo,
    refreshMarginS: options.refreshMarginS ?? 300,
    licenseRecoveryWindowS: licenseRecoveryWindowS(watchdog),
    fetchOptions,
    buffer: options.buffer,
    drm: options.drm,
    allowInsecureOrigins: options.allowInsecureOrigins ?? false,
    caps: () => ({
      ...(options.capabilities ? { device: options.capabilities } : {}),
      preferences,
      ...(minBitsPerSecond === undefined ? {} : { minBitsPerSecond }),
      ...(maxBitsPerSecond === undefined ? {} : { maxBitsPerSecond }),
    }),
    createAbr: (plan) => createAbrController(plan.abrLadder, abrConfig),
    nextRung: (rt, justDownloaded) => {
      if (!rt.plan || !rt.abr) return rt.rungIndex;
      const input = abrInput(
        rt.plan,
        rt.state,
        estimator.estimate(),
        nowMs(ctx) / 1000,
        rt.rungIndex,
        justDownloaded?.index,
        estimator.upperEstimate(),
      );
      return rt.abr.decide(input);
    },
    onDownloaded: (rt, segment) => {
      // Nothing left to request after the last segment: no decision to make.
      if (rt.plan && segment.index >= rt.plan.segments.length - 1) return;
      switchRung(ctx, rt, host.nextRung(rt, segment));
    },
    abandon: (rt, target, progress) => abandonRung(rt, target, progress, estimator.estimate()),
    onAbandoned: (rt, target, index) => reRequestLower(ctx, rt, target, index),
    onProgress: (bytes, ms) => {
      estimator.addSample(bytes, ms, nowMs(ctx));
      ctx.progress.next(MEDIA_PROGRESS);
    },
    onPlanned: (rt) => {
      const plan = rt.plan as TrackPlan;
      ctx.progress.next(MEDIA_PROGRESS); // the manifest is in: starting moved on
      ctx.events.next({
        type: 'manifest-loaded',
        trackId: rt.track.id,
        representations: plan.ladder.length,
        durationS: plan.durationS,
        atMs: nowMs(ctx),
      });
      if (rt === currentTrack(ctx)) {
        patch(ctx, { durationS: plan.durationS, license: plan.defaultKid ? 'idle' : 'none' });
        announceRung(ctx, rt);
      }
    },
    onStep: (rt, step) => onBufferStep(ctx, rt, step),
    onLicense: (rt, e) => onLicenseEvent(ctx, rt, e),
    onRefreshed: (rt, reason) =>
      ctx.events.next({
        type: 'playback-info-refreshed',
        trackId: rt.track.id,
        reason,
        atMs: nowMs(ctx),
      }),
    fail: (e) => fail(ctx, e),
    warn: (error) => ctx.events.next({ type: 'error', fatal: false, error, atMs: nowMs(ctx) }),
  };
  const ctx: EngineContext = {
    scheduler,
    sink,
    estimator,
    events: new Subject<EngineEvent>(),
    state: new BehaviorSubject<EngineState>(idle),
    reportEvent: ports.reportEvent ?? (() => undefined),
    backBufferS: options.buffer?.backBufferS ?? defaultBufferConfig.backBufferS,
    progressIntervalS: options.progressIntervalS ?? 30,
    host,
    queue: [],
    current: 0,
    retired: 0,
    wantPlay: false,
    lastProgressS: 0,
    session: new Subscription(),
    progress: new Subject(),
  };

  return {
    state$: ctx.state.asObservable(),
    events$: ctx.events.asObservable(),
    load(track) {
      const given = track ?? defaultTrack(options);
      const list: readonly EngineTrack[] = isTrackList(given) ? given : [given];
      if (list.length === 0) {
        throw new LegatoError(
          'INVALID_ARGUMENT',
          'load: expected at least one track, received none',
        );
      }
      checkTracks(list, host.playbackInfo !== undefined);
      teardown(ctx);
      if (ctx.queue.length > 0) {
        // A new load replaces what the sink holds from the previous one.
        ctx.sink.pause();
        ctx.sink.remove(0, Number.POSITIVE_INFINITY).catch((e: unknown) => fail(ctx, e));
        ctx.sink.seek(0);
      }
      ctx.session = new Subscription();
      ctx.queue = list.map((t) => createTrackRuntime(t, 0));
      ctx.current = 0;
      ctx.retired = 0;
      ctx.lastProgressS = 0;
      ctx.state.next({
        ...idle,
        status: 'loading',
        trackId: list[0]?.id ?? null,
        estimateBps: estimator.estimate(),
      });
      ctx.session.add(startWatchdog(ctx, watchdog));
      ctx.session.add(() => sink.cancel());
      ctx.session.add(
        ports.sink.events$.subscribe((e) => {
          if (e.type === 'error') fail(ctx, e.error);
          else if (e.type === 'ended') currentTrack(ctx)?.bufferEvents.next({ type: 'track-end' });
        }),
      );
      const first = ctx.queue[0];
      if (first) runTrack(first, ctx.host, () => true);
    },
    play() {
      if (ctx.wantPlay) return;
      ctx.wantPlay = true;
      if (ctx.state.value.status !== 'paused') return;
      ctx.sink.play();
      patch(ctx, { status: 'playing' });
      sendReport(ctx, 'resume');
    },
    pause() {
      if (!ctx.wantPlay) return;
      ctx.wantPlay = false;
      ctx.sink.pause();
      if (ctx.state.value.status !== 'playing') return;
      patch(ctx, { status: 'paused' });
      sendReport(ctx, 'pause');
    },
    seek(positionS) {
      const rt = currentTrack(ctx);
      if (!rt?.plan) {
        throw new LegatoError(
          'ENGINE_STATE',
          `seek: expected a loaded track, received status ${ctx.state.value.status}`,
        );
      }
      if (!(positionS >= 0 && positionS <= rt.plan.durationS)) {
        throw new LegatoError(
          'INVALID_ARGUMENT',
          `seek: expected 0..${rt.plan.durationS} s, received ${positionS}`,
        );
      }
      ctx.sink.seek(positionS + rt.offsetS);
      sendReport(ctx, 'seek', { positionS });
      ctx.lastProgressS = positionS;
      rt.bufferEvents.next({ type: 'seek', positionS });
    },
    setPreferences(p) {
      const before = preferences;
      preferences = p;
      const live = ctx.queue.filter((rt) => rt.manifest && !rt.ended && !rt.subscription.closed);
      try {
        for (const rt of live)
          setPlan(rt, ctx.host, rt.manifest as NonNullable<typeof rt.manifest>);
      } catch (error) {
        preferences = before;
        for (const rt of live)
          setPlan(rt, ctx.host, rt.manifest as NonNullable<typeof rt.manifest>);
        throw error;
      }
      for (const rt of live) switchRung(ctx, rt, ctx.host.nextRung(rt));
    },
    stop() {
      const status = ctx.state.value.status;
      if (status === 'stopped' || status === 'failed') return;
      teardown(ctx);
      ctx.sink.pause();
      patch(ctx, { status: 'stopped' });
    },
  };
}

function isTrackList(t: EngineTrack | readonly EngineTrack[]): t is readonly EngineTrack[] {
  return Array.isArray(t);
}

function defaultTrack(options: EngineOptions): EngineTrack {
  if (options.playbackInformation) {
    return { id: 'track', playbackInformation: options.playbackInformation };
  }
  if (options.mpdUrl) return { id: 'track', mpdUrl: options.mpdUrl };
  throw new LegatoError(
    'INVALID_ARGUMENT',
    'load: expected a track (or options.playbackInformation / mpdUrl), received none',
  );
}
